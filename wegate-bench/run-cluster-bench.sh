#!/usr/bin/env bash
# Runs the login load driver against a wegate cluster on this machine: N gateway instances in cluster mode
# (wegate.store=redis) sharing one Redis key prefix and one PostgreSQL database, in front of ONE standalone
# WeCom sandbox that all of them call, so that the sandbox's /sandbox/stats count the whole cluster's upstream calls.
#
#   wegate-bench/run-cluster-bench.sh                                   # 1 instance, --logins 1500 --concurrency 30 --warmup 300
#   wegate-bench/run-cluster-bench.sh --instances 3
#   wegate-bench/run-cluster-bench.sh --instances 3 --logins 1500 --concurrency 30 --warmup 300
#   wegate-bench/run-cluster-bench.sh --instances 3 --cross-instance    # start on instance k, finish on k+1
#
# Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth, createdb/psql/dropdb
# on the PATH); it installs nothing and exits non-zero when either is missing. Each run gets a fresh database
# (wegate_bench_<random>) and a fresh Redis key prefix (wegate-bench-<random>:); both are removed on exit.
#
# Ports: sandbox 18181, gateways 18281, 18282, ... Every argument other than --instances goes to
# io.wegate.bench.LoginLoadDriver (see --help); --gateway, --sandbox and --redirect-uri are set here. The driver's
# --token-lifetimes (default 3) moves the sandbox clock on by 7200 s before each third of the measured logins, to
# count gettoken calls per token lifetime across the cluster. Everything stays on localhost.
#
# Environment: REDIS_HOST/REDIS_PORT (127.0.0.1/6379), PG_HOST/PG_PORT/PG_USER (127.0.0.1/5432/postgres),
# GATEWAY_JAVA_OPTS (JVM options of each gateway, default -Xmx512m), SKIP_BUILD=1 to use the jars already built.
set -euo pipefail
SCRIPT="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

INSTANCES=1
DRIVER_ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    sed -n '2,/^set -euo pipefail/p' "$SCRIPT" | sed '$d; s/^# \{0,1\}//'
    echo
    echo "Driver options: java -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.LoginLoadDriver --help"
    exit 0
  fi
done
while [ "$#" -gt 0 ]; do
  case "$1" in
    --instances) [ "$#" -ge 2 ] || { echo "--instances needs a value" >&2; exit 2; }; INSTANCES=$2; shift 2 ;;
    --instances=*) INSTANCES=${1#--instances=}; shift ;;
    --gateway|--gateway=*|--sandbox|--sandbox=*)
      echo "$1 is set by this script (it benchmarks the gateways and the sandbox it starts)" >&2; exit 2 ;;
    *) DRIVER_ARGS+=("$1"); shift ;;
  esac
done
if ! [[ "$INSTANCES" =~ ^[1-9]$ ]]; then
  echo "--instances must be 1 to 9, got '$INSTANCES'" >&2
  exit 2
fi
if [ "${#DRIVER_ARGS[@]}" -eq 0 ]; then
  DRIVER_ARGS=(--logins 1500 --concurrency 30 --warmup 300)
fi

REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xmx512m}

SANDBOX_PORT=18181
FIRST_GATEWAY_PORT=18281
SANDBOX=http://127.0.0.1:$SANDBOX_PORT
AGENT_ID=1000002
# The sandbox's demo app 1000002 trusts localhost:8080 only, so the API flow's codes are minted for this redirect
# URI; every gateway must allow it too. Nothing listens on it: the driver plays the front end.
REDIRECT_URI=http://localhost:8080/callback

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ]; then
  JAVA_HOME=""
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/java" ] || continue
    if [ "$(java_major "$d" 2>/dev/null || echo 0)" -ge 21 ]; then JAVA_HOME=$d; break; fi
  done
  [ -n "$JAVA_HOME" ] || { echo "no JDK 21+ found under /usr/lib/jvm; set JAVA_HOME" >&2; exit 1; }
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
echo "JAVA_HOME=$JAVA_HOME ($(java_major "$JAVA_HOME"))"

# --- prerequisites: nothing is installed, a missing piece stops the run --------------------------------------------
command -v curl >/dev/null || { echo "curl is needed to wait for the sandbox and the gateways" >&2; exit 1; }
for tool in psql createdb dropdb; do
  command -v "$tool" >/dev/null || {
    echo "PostgreSQL client tool '$tool' not found on the PATH (Debian: postgresql-client); this script installs nothing" >&2
    exit 1
  }
done

redis_ping() {
  if command -v redis-cli >/dev/null; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null
  else
    # No redis-cli: speak RESP over bash's /dev/tcp.
    (
      exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT" || exit 1
      printf 'PING\r\n' >&3
      IFS= read -r -t 2 line <&3 && printf '%s\n' "${line%$'\r'}"
    ) 2>/dev/null
  fi
}

PONG=$(redis_ping || true)
if [ "$PONG" != "PONG" ] && [ "$PONG" != "+PONG" ]; then
  echo "Redis is not reachable on $REDIS_HOST:$REDIS_PORT (no PONG to PING); start it first, this script installs nothing" >&2
  exit 1
fi
if ! PG_VERSION=$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -w -At -c 'show server_version' 2>&1); then
  echo "PostgreSQL is not reachable as $PG_USER on $PG_HOST:$PG_PORT (trust auth expected): $PG_VERSION" >&2
  echo "start it first; this script installs nothing" >&2
  exit 1
fi
REDIS_VERSION=$( (command -v redis-cli >/dev/null && redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" info server 2>/dev/null \
  | sed -n 's/^redis_version:\([^[:space:]]*\).*/\1/p') || true)
echo "Redis $REDIS_HOST:$REDIS_PORT ${REDIS_VERSION:+$REDIS_VERSION }PONG; PostgreSQL $PG_HOST:$PG_PORT $PG_VERSION"

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true; }

GATEWAYS=()
for i in $(seq 0 $((INSTANCES - 1))); do
  GATEWAYS+=("http://127.0.0.1:$((FIRST_GATEWAY_PORT + i))")
done
for url in "$SANDBOX" "${GATEWAYS[@]}"; do
  if [ "$(http_status "$url/")" != "000" ]; then
    echo "something already answers on $url; stop it first (this script benchmarks what it starts)" >&2
    exit 1
  fi
done

if [ "${SKIP_BUILD:-}" = "1" ]; then
  echo "SKIP_BUILD=1: using the jars already built"
else
  echo "building wegate-sandbox, wegate-server and wegate-bench ..."
  ./mvnw -q -DskipTests -Dspotless.check.skip=true -pl wegate-sandbox,wegate-server,wegate-bench -am package
fi
SANDBOX_JAR=wegate-sandbox/target/wegate-sandbox-0.1.0-SNAPSHOT-all.jar
SERVER_JAR=wegate-server/target/wegate-server.jar
BENCH_JAR=wegate-bench/target/wegate-bench.jar
for jar in "$SANDBOX_JAR" "$SERVER_JAR" "$BENCH_JAR"; do
  [ -f "$jar" ] || { echo "$jar is missing; build it first (or drop SKIP_BUILD)" >&2; exit 1; }
done

# --- the run's own database, key prefix, logs; all removed on exit --------------------------------------------------
RANDOM_ID=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
DB=wegate_bench_$RANDOM_ID
KEY_PREFIX="wegate-bench-$RANDOM_ID:"
WORK=$(mktemp -d -t wegate-cluster-bench.XXXXXX)
DB_CREATED=""
SANDBOX_PID=""
GATEWAY_PIDS=()

stop_pid() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

cleanup() {
  local status=$?
  local pid
  for pid in "${GATEWAY_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${GATEWAY_PIDS[@]}"; do stop_pid "$pid"; done
  stop_pid "$SANDBOX_PID"
  if [ -n "$DB_CREATED" ]; then
    dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -w --if-exists --force "$DB" 2>/dev/null \
      || dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -w --if-exists "$DB" \
      || echo "could not drop database $DB; drop it by hand" >&2
  fi
  if command -v redis-cli >/dev/null; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern "$KEY_PREFIX*" 2>/dev/null \
      | xargs -r -n 100 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" del >/dev/null 2>&1 || true
  fi
  if [ "$status" -ne 0 ]; then
    echo "logs kept in $WORK (sandbox.log, gateway-N.log)" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -w "$DB"
DB_CREATED=1
echo "database $DB (PostgreSQL), Redis key prefix $KEY_PREFIX, logs in $WORK"

wait_for() { # name url pid log seconds
  local name=$1 url=$2 pid=$3 log=$4 deadline=$((SECONDS + $5))
  until [ "$(http_status "$url")" = "200" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during start-up; last lines of $log:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$name did not answer 200 on $url within $5 s; last lines of $log:" >&2
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 1
  done
}

echo "starting the sandbox on $SANDBOX ..."
"$JAVA" -jar "$SANDBOX_JAR" --port "$SANDBOX_PORT" >"$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
wait_for "the sandbox" "$SANDBOX/sandbox/fixture" "$SANDBOX_PID" "$WORK/sandbox.log" 60

CREDENTIALS=$("$JAVA" -cp "$BENCH_JAR" io.wegate.bench.SandboxCredentials "$SANDBOX" "$AGENT_ID") || {
  echo "could not read the corpid and app $AGENT_ID's secret from $SANDBOX/sandbox/fixture" >&2
  exit 1
}
read -r CORP_ID SECRET <<<"$CREDENTIALS"
echo "sandbox corp $CORP_ID, app $AGENT_ID"

echo "starting $INSTANCES gateway instance(s) (cluster mode: wegate.store=redis) ..."
for i in $(seq 0 $((INSTANCES - 1))); do
  port=$((FIRST_GATEWAY_PORT + i))
  mkdir -p "$WORK/data-$((i + 1))"
  # shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of JVM options
  "$JAVA" $GATEWAY_JAVA_OPTS -jar "$SERVER_JAR" \
    --server.port=$port \
    --wegate.data-dir="$WORK/data-$((i + 1))" \
    --wegate.sandbox.enabled=false \
    --wegate.wecom.corp-id="$CORP_ID" \
    --wegate.wecom.agent-id=$AGENT_ID \
    --wegate.wecom.secret="$SECRET" \
    --wegate.wecom.api-base-url=$SANDBOX \
    --wegate.wecom.authorize-base-url=$SANDBOX \
    --wegate.login.allowed-redirect-uris=https://spa.example.com/callback,$REDIRECT_URI \
    --wegate.login.starts-per-minute=0 \
    --wegate.token.issuer=https://wegate.bench \
    --wegate.store=redis \
    --spring.data.redis.host="$REDIS_HOST" \
    --spring.data.redis.port="$REDIS_PORT" \
    --wegate.redis.key-prefix="$KEY_PREFIX" \
    --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
    --spring.datasource.username="$PG_USER" \
    --logging.level.root=WARN >"$WORK/gateway-$((i + 1)).log" 2>&1 &
  GATEWAY_PIDS+=($!)
done
for i in $(seq 0 $((INSTANCES - 1))); do
  wait_for "gateway #$((i + 1))" "${GATEWAYS[$i]}/actuator/health" "${GATEWAY_PIDS[$i]}" "$WORK/gateway-$((i + 1)).log" 240
  echo "gateway #$((i + 1)) ${GATEWAYS[$i]} is up: $(curl -s --max-time 2 "${GATEWAYS[$i]}/actuator/health" | head -c 60)"
done

GATEWAY_LIST=$(IFS=,; echo "${GATEWAYS[*]}")
# The environment, for the record: the driver measures this machine, not a deployment.
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $("$JAVA" -version 2>&1 | head -n 1)"
echo "sharing those cores: $INSTANCES gateway JVM(s), the sandbox JVM, Redis, PostgreSQL and the driver JVM"
set +e
"$JAVA" -cp "$BENCH_JAR" io.wegate.bench.LoginLoadDriver \
  --gateway "$GATEWAY_LIST" --sandbox "$SANDBOX" --redirect-uri "$REDIRECT_URI" "${DRIVER_ARGS[@]}"
STATUS=$?
set -e
echo "sandbox upstream calls over the whole run, warm-up and cold start included: $(curl -s --max-time 5 "$SANDBOX/sandbox/stats")"
exit $STATUS
