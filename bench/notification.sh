#!/usr/bin/env bash
# Reminders at scale: COUNT reminders (default 100,000) fall due in the same minute, each to one officer of a
# different organisation below its quota, by in-app inbox and e-mail through the local stack's SMTP server. Reports
# when the last was delivered, lateness percentiles from the due minute, throughput and duplicates; beside a baseline
# in the same run: plain JavaMail sends to the same SMTP server (the transport's own ceiling).
#
# Self-contained: starts its own local stack and REPLICAS notification-service replicas (default 1) on ports of
# their own, writes the schedule straight into MongoDB as the service stores it (documents mapped by the service's
# own classes), and stops everything at the end.
#   bench/notification.sh [count=100000] [replicas=1] [baseline-count=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
REPLICAS=${2:-1}
export KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093 MONGO_PORT=47017 SMTP_PORT=22525 MAIL_HTTP_PORT=28025 \
  IDP_PORT=29000
. bench/own-stack.sh
# The SMTP server keeps every message in memory: 100,000 need more than the default heap.
own_stack notification-service 3g
MONGO=mongodb://127.0.0.1:$MONGO_PORT

java -cp "$CP" bench/NotificationBench.java baseline 127.0.0.1 "$SMTP_PORT" "${3:-10000}" 4

# Due at the start of the minute after next: time to seed and to start the replicas before it.
DUE=$(( ( $(date +%s) / 60 + 2 ) * 60 * 1000 ))
java -cp "$CP" bench/NotificationBench.java seed "$MONGO" "$COUNT" "$DUE" 32
for r in $(seq 1 "$REPLICAS"); do
  NOTIFICATION_PORT=$(( 28083 + r )) MONGODB_URI=$MONGO/notification \
    java -XX:+UseSerialGC -Xmx1g ${SERVICE_JAVA_OPTS:-} -jar notification-service/target/notification-service-$VERSION.jar \
    > "$LOG/notification-$r.log" 2>&1 &
  pids+=($!)
done
for r in $(seq 1 "$REPLICAS"); do
  until curl -sf -o /dev/null "http://127.0.0.1:$(( 28083 + r ))/actuator/health"; do sleep 1; done
done
now=$(date +%s%3N)
[ "$now" -lt "$DUE" ] || { echo "the replicas started after the due minute; run again" >&2; exit 1; }
echo "$REPLICAS replica(s) up; reminders due in $(( (DUE - now) / 1000 )) s"
java -cp "$CP" bench/NotificationBench.java await "$MONGO" "$COUNT" "$DUE" $(( (DUE - now) / 1000 + 900 )) \
  "http://127.0.0.1:$MAIL_HTTP_PORT/messages" 2>&1 | quiet
grep -c "Dropped reminder" "$LOG"/notification-*.log | sed 's/^/dropped (log lines): /' || true
