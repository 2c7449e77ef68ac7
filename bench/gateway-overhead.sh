#!/usr/bin/env bash
# Gateway overhead: the same authenticated GET straight to registration-service and through the gateway, side by
# side in one run, at 200 requests per second each. Needs a running platform started with rate limits raised above
# the benchmark's rate (the limiter stays on the measured path):
#   DVK_RATE_USER_PER_SECOND=1000 DVK_RATE_USER_BURST=1000 DVK_RATE_ADDRESS_PER_SECOND=1000 \
#   DVK_RATE_ADDRESS_BURST=1000 ./run.sh
# then: bench/gateway-overhead.sh [rate] [warmup-s] [measure-s]
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${DVK_BIND_HOST:-127.0.0.1}
GATEWAY=http://$HOST:${GATEWAY_PORT:-8080}
DIRECT=http://$HOST:${REGISTRATION_PORT:-8081}
ISSUER=${OIDC_ISSUER:-http://$HOST:${IDP_PORT:-9000}/realms/dvk}

token() {
  curl -sf "$ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=dvk-cli \
    -d username="$1" -d password=dvk-demo | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
id_of() { sed -E 's/^\{"id":"([^"]+)".*/\1/'; }
TOKEN=$(token officer.00004)
COORDINATOR=$(token coordinator.00004)
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F)
CAMPAIGN=$(curl -sf -X POST "$DIRECT/api/registration/campaigns" -H "Authorization: Bearer $COORDINATOR" \
  -H 'Content-Type: application/json' -d "{\"unitCode\":\"00004\",\"year\":${TODAY%%-*},\"title\":\"Đợt đo tải $(date +%s)\",
  \"levels\":[\"COMMUNE\"],\"fields\":[\"ECONOMY\"],\"opens\":\"$TODAY\",\"closes\":\"$TODAY\"}" | id_of)
curl -sf -o /dev/null -X POST "$DIRECT/api/registration/campaigns/$CAMPAIGN/launch" -H "Authorization: Bearer $COORDINATOR"
ID=$(curl -sf -X POST "$DIRECT/api/registration/registrations" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d "{\"campaignId\":\"$CAMPAIGN\",\"unitCode\":\"00004\",\"title\":\"Mô hình đo tải $(date +%s)\",\"kind\":\"COLLECTIVE\",\"field\":\"ECONOMY\"}" \
  | id_of)
PATH_ID=/api/registration/registrations/$ID
# Access tokens live five minutes; the run is shorter.
BENCH_TOKEN=$TOKEN java bench/LatencyProbe.java "${1:-200}" "${2:-10}" "${3:-30}" "direct=$DIRECT$PATH_ID" \
  "gateway=$GATEWAY$PATH_ID"
