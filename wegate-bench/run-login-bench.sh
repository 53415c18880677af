#!/usr/bin/env bash
# Builds the gateway and the bench module, starts the gateway in sandbox mode on this machine
# (gateway :18080, embedded WeCom sandbox :18081, a fresh temporary data dir), runs the login
# load driver against it, and stops the gateway again.
#
#   wegate-bench/run-login-bench.sh                       # wecom-api, --logins 2000 --concurrency 50
#   wegate-bench/run-login-bench.sh --logins 500 --concurrency 20
#   wegate-bench/run-login-bench.sh --flow wechat-mp --logins 500 --concurrency 20
#   wegate-bench/run-login-bench.sh --flow all --logins 600 --concurrency 20 --warmup 200
#
# Arguments are passed to io.wegate.bench.LoginLoadDriver (see --help); --gateway and --sandbox
# are set to the gateway started here. With --flow all every flow runs in turn against the same
# gateway (one table and one RESULT line per flow, then a summary). Everything stays on localhost.
# SKIP_BUILD=1 uses the jars already built. For several gateway instances (cluster mode) see run-cluster-bench.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY_PORT=18080
SANDBOX_PORT=18081
GATEWAY=http://localhost:$GATEWAY_PORT
SANDBOX=http://127.0.0.1:$SANDBOX_PORT

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

command -v curl >/dev/null || { echo "curl is needed to wait for the gateway" >&2; exit 1; }

health_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$GATEWAY/actuator/health" 2>/dev/null || true; }

if [ "$(health_status)" != "000" ]; then
  echo "something already answers on $GATEWAY; stop it first (this script benchmarks the gateway it starts)" >&2
  exit 1
fi

if [ "${SKIP_BUILD:-}" = "1" ]; then
  echo "SKIP_BUILD=1: using the jars already built"
else
  echo "building wegate-server and wegate-bench ..."
  ./mvnw -q -DskipTests -pl wegate-server,wegate-bench -am package
fi

DATA_DIR=$(mktemp -d -t wegate-bench-data.XXXXXX)
LOG=$(mktemp -t wegate-bench-gateway.XXXXXX.log)
GATEWAY_PID=""

stop_gateway() {
  local status=$?
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill "$GATEWAY_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$GATEWAY_PID" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR"
  if [ "$status" -ne 0 ]; then
    echo "gateway log: $LOG" >&2
  else
    rm -f "$LOG"
  fi
}
trap stop_gateway EXIT
trap 'exit 130' INT TERM

echo "starting the gateway on $GATEWAY (sandbox $SANDBOX, data $DATA_DIR, log $LOG) ..."
"$JAVA" -jar wegate-server/target/wegate-server.jar \
  --server.port=$GATEWAY_PORT \
  --wegate.sandbox.port=$SANDBOX_PORT \
  --wegate.login.starts-per-minute=0 \
  --wegate.data-dir="$DATA_DIR" >"$LOG" 2>&1 &
GATEWAY_PID=$!

deadline=$((SECONDS + 120))
until [ "$(health_status)" = "200" ]; do
  if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
    echo "the gateway exited during start-up; last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "the gateway did not answer 200 on $GATEWAY/actuator/health within 120 s; last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  sleep 1
done
echo "gateway is up"

if [ "$#" -eq 0 ]; then
  set -- --logins 2000 --concurrency 50
fi
# The gateway's environment, for the record: the driver measures this machine, not a deployment.
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $("$JAVA" -version 2>&1 | head -n 1)"
"$JAVA" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.LoginLoadDriver \
  --gateway "$GATEWAY" --sandbox "$SANDBOX" "$@"
