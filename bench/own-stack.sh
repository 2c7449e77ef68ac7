# Sourced by the self-contained benchmarks: a local stack of their own on the ports the caller exported
# (KAFKA_PORT, MONGO_PORT, SMTP_PORT, IDP_PORT…), stopped with everything else they start (add pids to `pids`).
#   own_stack SERVICE HEAP   - builds if needed, sets CP to SERVICE's runtime classpath, starts the stack, waits for it
# STACK_JAVA_OPTS and SERVICE_JAVA_OPTS add JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/stack.jfr to
# profile a run.
VERSION=0.1.0-SNAPSHOT
export DVK_BIND_HOST=127.0.0.1
export DVK_DATA_DIR=$(mktemp -d) OIDC_ISSUER=http://127.0.0.1:$IDP_PORT/realms/dvk
export KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT
LOG=$(mktemp -d)
pids=()
cleanup() {
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  rm -rf "$DVK_DATA_DIR"
}
trap cleanup EXIT
quiet() { grep -Ev '^\s|^[0-9]{2}:[0-9]{2}:[0-9]{2}' || true; } # the Kafka and MongoDB clients' own logging

own_stack() {
  local service=$1 heap=$2
  [ -f local-stack/target/local-stack-$VERSION-exec.jar ] && [ -f "$service/target/$service-$VERSION.jar" ] \
    || ./mvnw -q -o -DskipTests install
  CP=$(./mvnw -q -o -pl "$service" dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=/dev/stdout):$service/target/classes
  java -XX:+UseSerialGC -Xmx"$heap" ${STACK_JAVA_OPTS:-} -jar local-stack/target/local-stack-$VERSION-exec.jar > "$LOG/local-stack.log" 2>&1 &
  pids+=($!)
  until grep -q "LOCAL-STACK READY" "$LOG/local-stack.log"; do
    kill -0 "${pids[0]}" 2>/dev/null || { tail -20 "$LOG/local-stack.log"; exit 1; }
    sleep 1
  done
  echo "local stack ready ($(nproc) cores)"
}
