#!/usr/bin/env bash
# Importing registrations from a spreadsheet: a 5,000-row .xlsx through the gateway, timed, next to the baseline of
# registering through the JSON API one request at a time (200 requests, per-row time compared) in the same run.
# Needs a running platform with rate limits above the baseline's pace:
#   DVK_RATE_USER_PER_SECOND=1000 DVK_RATE_USER_BURST=1000 DVK_RATE_EXPENSIVE_BURST=100 ./run.sh
# then: bench/registration-import.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-5000}
HOST=${DVK_BIND_HOST:-127.0.0.1}
GATEWAY=http://$HOST:${GATEWAY_PORT:-8080}
ISSUER=${OIDC_ISSUER:-http://$HOST:${IDP_PORT:-9000}/realms/dvk}
API=$GATEWAY/api/registration
token() {
  curl -sf "$ISSUER/protocol/openid-connect/token" -d grant_type=password -d client_id=dvk-cli \
    -d username="$1" -d password=dvk-demo | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
id_of() { sed -E 's/^\{"id":"([^"]+)".*/\1/'; }
now_ms() { date +%s%3N; }
OFFICER=$(token officer.01)
COORDINATOR=$(token coordinator.01)
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F)
launch() {
  local id
  id=$(curl -sf -X POST "$API/campaigns" -H "Authorization: Bearer $COORDINATOR" -H 'Content-Type: application/json' \
    -d "{\"unitCode\":\"01\",\"year\":${TODAY%%-*},\"title\":\"Đợt đo tải $1 $(date +%s%N)\",\"levels\":[\"COMMUNE\"],
    \"fields\":[\"ECONOMY\",\"CULTURE_SOCIETY\",\"DEFENSE_SECURITY\",\"POLITICAL_SYSTEM\"],
    \"opens\":\"$TODAY\",\"closes\":\"$TODAY\"}" | id_of)
  curl -sf -o /dev/null -X POST "$API/campaigns/$id/launch" -H "Authorization: Bearer $COORDINATOR"
  echo "$id"
}

FILE=$(mktemp --suffix=.xlsx)
CP=$(./mvnw -q -o -pl registration-service dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=/dev/stdout)
java -cp "$CP" bench/MakeImportFile.java "$FILE" "$ROWS" 01 admin-units/src/main/resources/admin-units/communes-2025.csv
echo "file: $ROWS rows, $(stat -c %s "$FILE") bytes"

# Baseline: the same kind of rows through the JSON API, one request after another.
BASE_CAMPAIGN=$(launch baseline)
BASE_N=200
start=$(now_ms)
for i in $(seq 1 $BASE_N); do
  curl -sf -o /dev/null -X POST "$API/registrations" -H "Authorization: Bearer $OFFICER" \
    -H 'Content-Type: application/json' -d "{\"campaignId\":\"$BASE_CAMPAIGN\",\"unitCode\":\"00004\",
    \"title\":\"Mô hình đối chứng số $i\",\"kind\":\"COLLECTIVE\",\"field\":\"ECONOMY\"}"
done
base_ms=$(( $(now_ms) - start ))
echo "baseline: $BASE_N JSON registrations in $base_ms ms ($(( base_ms * 1000 / BASE_N )) µs per row)"

CAMPAIGN=$(launch import)
start=$(now_ms)
RESULT=$(curl -sf -X POST "$API/campaigns/$CAMPAIGN/registration-imports" -H "Authorization: Bearer $OFFICER" \
  -F "file=@$FILE;filename=dang-ky.xlsx")
import_ms=$(( $(now_ms) - start ))
echo "import:   $ROWS rows in $import_ms ms ($(( import_ms * 1000 / ROWS )) µs per row): ${RESULT:0:80}"
start=$(now_ms)
AGAIN=$(curl -sf -X POST "$API/campaigns/$CAMPAIGN/registration-imports" -H "Authorization: Bearer $OFFICER" \
  -F "file=@$FILE;filename=dang-ky.xlsx")
echo "re-import: $(( $(now_ms) - start )) ms: ${AGAIN:0:80}"
rm -f "$FILE"
