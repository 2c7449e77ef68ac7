#!/usr/bin/env bash
# Movement statistics: (1) dashboard queries over the counters of TOTAL registrations (default 1,000,000, five yearly
# campaigns of Hà Nội), beside a baseline at the same rate (review progress with no round: an authenticated read
# on the same path that scans no counter); (2) how long a new registration takes to show on the statistics stream while RATE registrations
# per second (default 500) flow in, beside a plain Kafka consumer of the same topic in the same run.
#
# Self-contained: starts its own local stack (Kafka, MongoDB-wire server, identity provider) and one
# evaluation-service — the service the statistics live in, dossier copy included — on ports of its own, loads the
# history straight into Kafka as registration-service would have published it, and stops everything at the end.
# registration-service and notification-service do not run (they would consume the million events too).
#   bench/statistics.sh [total=1000000] [query-rate=50] [warmup-s=20] [measure-s=60] [flow-rate=500] [flow-s=60]
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL=${1:-1000000}
export KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093 MONGO_PORT=37017 SMTP_PORT=12525 MAIL_HTTP_PORT=18025 \
  IDP_PORT=19000 EVALUATION_PORT=18082
. bench/own-stack.sh
own_stack evaluation-service 2g

java -cp "$CP" bench/StatisticsBench.java preload "$KAFKA_BOOTSTRAP" "$TOTAL" 2>&1 | quiet

# 1 GB of heap: a replica keeps a fact per registration (about 150 bytes) besides its counters.
MONGODB_URI=mongodb://127.0.0.1:$MONGO_PORT/evaluation \
  java -XX:+UseSerialGC -Xmx1g -jar evaluation-service/target/evaluation-service-$VERSION.jar > "$LOG/evaluation.log" 2>&1 &
pids+=($!)
until grep -q "Movement statistics:" "$LOG/evaluation.log"; do
  kill -0 "${pids[1]}" 2>/dev/null || { tail -30 "$LOG/evaluation.log"; exit 1; }
  sleep 1
done
until curl -sf -o /dev/null "http://127.0.0.1:$EVALUATION_PORT/actuator/health"; do sleep 1; done
grep -o "Movement statistics:.*" "$LOG/evaluation.log"

token() {
  curl -sf "$OIDC_ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=dvk-cli \
    -d username="$1" -d password=dvk-demo | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
S=http://127.0.0.1:$EVALUATION_PORT/api/evaluation/statistics
BENCH_TOKEN=$(token viewer.01) java bench/LatencyProbe.java "${2:-50}" "${3:-20}" "${4:-60}" \
  "baseline=$S/review-progress" \
  "query:province-by-unit=$S?groupBy=unit" \
  "query:campaign-field-kind-status=$S?campaignId=bench-2026&groupBy=field,kind,status" \
  "query:ward-by-status=$S?unitCode=00004&groupBy=status" \
  "query:quota-fill=$S/quota-fill?campaignId=bench-2026" \
  "query:trends=$S/trends" \
  "query:year-tier=$S?year=2025&groupBy=tier"

BENCH_TOKEN=$(token viewer.01) java -cp "$CP" bench/StatisticsBench.java flow "$KAFKA_BOOTSTRAP" "$S/stream" \
  "${5:-500}" "${6:-60}" 2>&1 | quiet
grep -o "Movement statistics:.*" "$LOG/evaluation.log" | head -1
