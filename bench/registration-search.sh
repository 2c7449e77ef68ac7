#!/usr/bin/env bash
# Searching registrations: with at least TOTAL registrations stored (imported through the API in files of 5,000
# until there are enough), six kinds of list request — words of the title without accents, filters, a commune,
# alphabetical order, deep pages — take turns at RATE per second, beside a baseline at the same rate: reading one
# registration by id, the cheapest authenticated read on the same path. Both straight to registration-service, as
# a province-wide viewer (the widest scope, the most to scan). Needs a running platform with raised rate limits:
#   DVK_RATE_USER_PER_SECOND=1000 DVK_RATE_USER_BURST=1000 DVK_RATE_EXPENSIVE_BURST=100 ./run.sh
# then: bench/registration-search.sh [total=100000] [rate=50] [warmup-s=20] [measure-s=60]
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL=${1:-100000}
RATE=${2:-50}
HOST=${DVK_BIND_HOST:-127.0.0.1}
API=http://$HOST:${REGISTRATION_PORT:-8081}/api/registration
ISSUER=${OIDC_ISSUER:-http://$HOST:${IDP_PORT:-9000}/realms/dvk}
token() {
  curl -sf "$ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=dvk-cli \
    -d username="$1" -d password=dvk-demo | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
id_of() { sed -E 's/^\{"id":"([^"]+)".*/\1/'; }
total_of() { sed -E 's/.*"totalElements":([0-9]+).*/\1/'; }
stored() { curl -sf "$API/registrations?size=1" -H "Authorization: Bearer $(token viewer.01)" | total_of; }

HAVE=$(stored)
echo "stored: $HAVE registrations"
if (( HAVE < TOTAL )); then
  COORDINATOR=$(token coordinator.01)
  TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F)
  TOMORROW=$(TZ=Asia/Ho_Chi_Minh date -d tomorrow +%F)
  CAMPAIGN=$(curl -sf -X POST "$API/campaigns" -H "Authorization: Bearer $COORDINATOR" \
    -H 'Content-Type: application/json' -d "{\"unitCode\":\"01\",\"year\":${TODAY%%-*},
    \"title\":\"Đợt đo tìm kiếm $(date +%s%N)\",\"levels\":[\"COMMUNE\"],
    \"fields\":[\"ECONOMY\",\"CULTURE_SOCIETY\",\"DEFENSE_SECURITY\",\"POLITICAL_SYSTEM\"],
    \"opens\":\"$TODAY\",\"closes\":\"$TOMORROW\"}" | id_of)
  curl -sf -o /dev/null -X POST "$API/campaigns/$CAMPAIGN/launch" -H "Authorization: Bearer $COORDINATOR"
  CP=$(./mvnw -q -o -pl registration-service dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=/dev/stdout)
  FILE=$(mktemp --suffix=.xlsx)
  for (( first = 0; HAVE < TOTAL; first += 5000 )); do
    java -cp "$CP" bench/MakeImportFile.java "$FILE" 5000 01 \
      admin-units/src/main/resources/admin-units/communes-2025.csv $first
    start=$(date +%s%3N)
    curl -sf -o /dev/null -X POST "$API/campaigns/$CAMPAIGN/registration-imports" \
      -H "Authorization: Bearer $(token officer.01)" -F "file=@$FILE;filename=dang-ky.xlsx"
    HAVE=$(stored)
    echo "imported 5,000 in $(( $(date +%s%3N) - start )) ms: $HAVE stored"
  done
  rm -f "$FILE"
fi

VIEWER=$(token viewer.01)
ID=$(curl -sf "$API/registrations?size=1" -H "Authorization: Bearer $VIEWER" \
  | sed -E 's/.*"content":\[\{"id":"([^"]+)".*/\1/')
R=$API/registrations
# Access tokens live five minutes; the run is shorter.
BENCH_TOKEN=$VIEWER java bench/LatencyProbe.java "$RATE" "${3:-20}" "${4:-60}" "baseline=$R/$ID" \
  "search:words=$R?q=nuoi%20ong" \
  "search:words-title-order=$R?q=ong%20mat&sort=title" \
  "search:filters-page-4=$R?field=ECONOMY&kind=COLLECTIVE&sort=title&page=3" \
  "search:commune=$R?unitCode=00004" \
  "search:status-words-50=$R?status=SUBMITTED&q=quy%20khuyen&size=50" \
  "search:deep-page=$R?q=cho%20nong%20san&sort=createdAt&page=200"
