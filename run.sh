#!/usr/bin/env bash
# Starts the whole DVK platform on this machine: the local stack (Kafka, MongoDB-wire server, SMTP, OpenID Connect
# provider with demo accounts) and the four
# services, each its own process. Builds first when sources changed. Ctrl-C (or SIGTERM) stops everything.
#
# Every address and port can be overridden from the environment, e.g. GATEWAY_PORT=9080 ./run.sh
set -euo pipefail
cd "$(dirname "$0")"

: "${DVK_BIND_HOST:=127.0.0.1}"
: "${GATEWAY_PORT:=8080}" "${REGISTRATION_PORT:=8081}" "${EVALUATION_PORT:=8082}" "${NOTIFICATION_PORT:=8083}"
: "${KAFKA_PORT:=9092}" "${KAFKA_CONTROLLER_PORT:=9093}" "${MONGO_PORT:=27017}" "${SMTP_PORT:=2525}"
: "${MAIL_HTTP_PORT:=8025}" "${IDP_PORT:=9000}"
: "${DVK_DATA_DIR:=var/data}"
# Seeds a demo province (Hà Nội's campaign for this year and a few hundred registrations) on the first start.
: "${DVK_DEMO_SEED:=true}"
export DVK_DEMO_SEED
: "${DVK_JAVA_OPTS:=-XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -XX:+ExitOnOutOfMemoryError}"
# The local stack holds Kafka and the MongoDB-wire server's data and caches: it needs more heap than a service
# (with 256 MB it spent most of its time in full GCs once a province's data was in).
: "${DVK_STACK_JAVA_OPTS:=-XX:+UseSerialGC -Xss512k -Xmx1g -XX:+ExitOnOutOfMemoryError}"
: "${DVK_START_TIMEOUT:=240}"
export DVK_BIND_HOST GATEWAY_PORT REGISTRATION_PORT EVALUATION_PORT NOTIFICATION_PORT KAFKA_PORT \
  KAFKA_CONTROLLER_PORT MONGO_PORT SMTP_PORT MAIL_HTTP_PORT IDP_PORT DVK_DATA_DIR
: "${OIDC_ISSUER:=http://$DVK_BIND_HOST:$IDP_PORT/realms/dvk}"
export OIDC_ISSUER
# Where people open the web app: the identity provider returns to these origins only, and the gateway signs in and
# out only from them.
: "${DVK_WEB_ORIGINS:=http://localhost:$GATEWAY_PORT,http://$DVK_BIND_HOST:$GATEWAY_PORT}"
export DVK_WEB_ORIGINS
: "${KAFKA_BOOTSTRAP:=$DVK_BIND_HOST:$KAFKA_PORT}"
: "${MONGO_HOST_URI:=mongodb://$DVK_BIND_HOST:$MONGO_PORT}"
export KAFKA_BOOTSTRAP
: "${REGISTRATION_URL:=http://$DVK_BIND_HOST:$REGISTRATION_PORT}"
: "${EVALUATION_URL:=http://$DVK_BIND_HOST:$EVALUATION_PORT}"
: "${NOTIFICATION_URL:=http://$DVK_BIND_HOST:$NOTIFICATION_PORT}"
export REGISTRATION_URL EVALUATION_URL NOTIFICATION_URL

LOG_DIR=var/log
mkdir -p "$LOG_DIR" "$DVK_DATA_DIR"
VERSION=0.1.0-SNAPSHOT
STAMP=var/.build-stamp

command -v java >/dev/null || { echo "A JDK 17 or newer is needed (java not found)." >&2; exit 1; }
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ]; then
  echo "Java 17 or newer is needed; found $java_major." >&2
  exit 1
fi

# Build when a source, resource or POM is newer than the last successful build (or when nothing was built yet).
needs_build() {
  [ -f "$STAMP" ] || return 0
  [ -n "$(find . -path ./var -prune -o -path '*/target' -prune -o -path ./.git -prune -o \
           -type f \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$STAMP" -print \
           -quit)" ]
}
if needs_build; then
  echo "Building (log: $LOG_DIR/build.log)…"
  started=$(date +%s)
  if ! ./mvnw -B -q -DskipTests install >"$LOG_DIR/build.log" 2>&1; then
    tail -40 "$LOG_DIR/build.log" >&2
    echo "Build failed; see $LOG_DIR/build.log" >&2
    exit 1
  fi
  touch "$STAMP"
  echo "Built in $(( $(date +%s) - started )) s."
fi

pids=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  echo
  echo "Stopping…"
  # Services first, then the infrastructure they talk to, each given time to finish cleanly.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
    if [ "$i" = 0 ]; then
      for _ in $(seq 1 150); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.2; done
    fi
  done
  for pid in "${pids[@]}"; do
    # Only a process still running is killed: once it has exited, its PID may already belong to another process.
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || continue 2; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  echo "Stopped."
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# HTTP GET without depending on curl: bash's /dev/tcp is enough for a health check.
http_status_body() {
  local host=$1 port=$2 path=$3
  if command -v curl >/dev/null; then
    curl -s --max-time 3 "http://$host:$port$path" || true
    return
  fi
  exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 0
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3
  timeout 3 cat <&3 || true
  exec 3<&-
}

wait_until() { # name, seconds, command...
  local name=$1 seconds=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "$name did not become ready within $seconds s; see $LOG_DIR/$name.log" >&2
      tail -30 "$LOG_DIR/$name.log" >&2 || true
      exit 1
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "$name (or a process before it) exited; see $LOG_DIR/" >&2; tail -30 "$LOG_DIR/$name.log" >&2; exit 1; }
    done
    sleep 0.5
  done
}

start_time=$(date +%s)
echo "Starting the local stack (Kafka :$KAFKA_PORT, MongoDB :$MONGO_PORT, SMTP :$SMTP_PORT, OpenID Connect :$IDP_PORT)…"
: >"$LOG_DIR/local-stack.log"
java $DVK_STACK_JAVA_OPTS -jar "local-stack/target/local-stack-$VERSION-exec.jar" >>"$LOG_DIR/local-stack.log" 2>&1 &
pids+=($!)
wait_until local-stack 120 grep -q "LOCAL-STACK READY" "$LOG_DIR/local-stack.log"

start_service() { # name, port
  local name=$1 port=$2
  : >"$LOG_DIR/$name.log"
  MONGODB_URI="$MONGO_HOST_URI/${name%-service}" \
    java $DVK_JAVA_OPTS -jar "$name/target/$name-$VERSION.jar" >>"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
}
healthy() { http_status_body "$DVK_BIND_HOST" "$1" /actuator/health | grep -q '"status":"UP"'; }

echo "Starting the services…"
start_service registration-service "$REGISTRATION_PORT"
start_service evaluation-service "$EVALUATION_PORT"
start_service notification-service "$NOTIFICATION_PORT"
start_service gateway "$GATEWAY_PORT"
wait_until registration-service "$DVK_START_TIMEOUT" healthy "$REGISTRATION_PORT"
wait_until evaluation-service "$DVK_START_TIMEOUT" healthy "$EVALUATION_PORT"
wait_until notification-service "$DVK_START_TIMEOUT" healthy "$NOTIFICATION_PORT"
wait_until gateway "$DVK_START_TIMEOUT" healthy "$GATEWAY_PORT"

cat <<EOF

  DVK platform is up ($(( $(date +%s) - start_time )) s). Logs: $LOG_DIR/   Data: $DVK_DATA_DIR/

  Open            http://$DVK_BIND_HOST:$GATEWAY_PORT/            (sign in with a demo account below)
  API (gateway)   http://$DVK_BIND_HOST:$GATEWAY_PORT/api/registration/…  /api/evaluation/…  /api/notification/…
  API docs        http://$DVK_BIND_HOST:$GATEWAY_PORT/docs
  Sign-in (OIDC)  $OIDC_ISSUER
  Received mail   http://$DVK_BIND_HOST:$MAIL_HTTP_PORT/messages
  Kafka           $KAFKA_BOOTSTRAP        MongoDB  $MONGO_HOST_URI

  Demo accounts (password dvk-demo): <role>.<unit> with role admin, coordinator, reviewer, officer or viewer
  and unit 01 (Hà Nội), 00004 (Phường Ba Đình) or 00008 (Phường Ngọc Hà), e.g. officer.00004, coordinator.01.

  Try it:
    TOKEN=\$(curl -s $OIDC_ISSUER/protocol/openid-connect/token -d grant_type=password -d client_id=dvk-cli \\
      -d username=officer.00004 -d password=dvk-demo | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
    API=http://$DVK_BIND_HOST:$GATEWAY_PORT/api/registration
    CAMPAIGN=\$(curl -s "\$API/campaigns" -H "Authorization: Bearer \$TOKEN" \\
      | sed -E 's/.*"content":\[\{"id":"([^"]+)".*/\\1/')
    curl -s -X POST "\$API/registrations" -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
      -d "{\"campaignId\":\"\$CAMPAIGN\",\"unitCode\":\"00004\",\"title\":\"Nuôi ong lấy mật\",
      \"kind\":\"COLLECTIVE\",\"field\":\"ECONOMY\"}"

  Press Ctrl-C to stop.
EOF
wait -n "${pids[@]}" || true
echo "A process exited unexpectedly; see $LOG_DIR/." >&2
exit 1
