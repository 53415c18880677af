#!/usr/bin/env bash
# Offboarding under load (issue 10), in one command: starts wegate in sandbox mode on free loopback ports with a
# fresh data dir, runs io.wegate.bench.OffboardingLoadDriver against it (1,000 live logins of lisi across 3 relying
# parties; the sandbox's administrator disables lisi; every logout token timed from the event; then 1,000 hide/show
# events for the events-per-second figure), stops wegate and prints one RESULT JSON line.
#
#   wegate-bench/run-offboarding-bench.sh                       # the defaults above
#   SKIP_BUILD=1 wegate-bench/run-offboarding-bench.sh --logins 200 --events 200
#
# Driver options (see --help of the driver) go through. SKIP_BUILD=1 uses the jars already built. Everything stays
# on 127.0.0.1; wegate's log is kept in wegate-bench/target/offboarding-bench-wegate.log.
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ]; then
  JAVA_HOME=""
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    if [ -x "$d/bin/java" ] && [ "$(java_major "$d" 2>/dev/null || echo 0)" -ge 21 ]; then JAVA_HOME=$d; break; fi
  done
  [ -n "$JAVA_HOME" ] || { echo "no JDK 21+ found under /usr/lib/jvm; set JAVA_HOME" >&2; exit 1; }
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "building wegate-server and wegate-bench ..."
  ./mvnw -q -DskipTests -pl wegate-sandbox,wegate-server,wegate-bench -am package < /dev/null
fi

port() { "$JAVA" -cp wegate-bench/target/classes -XX:TieredStopAtLevel=1 /dev/stdin 2>/dev/null <<'J' || python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
J
}
port() { # a loopback port nothing listens on
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
PORT=$(port)
SANDBOX_PORT=$(port)
while [ "$SANDBOX_PORT" = "$PORT" ]; do SANDBOX_PORT=$(port); done
ADMIN_TOKEN="bench-admin-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
MANAGEMENT_PASSWORD="bench-ops-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
DATA=$(mktemp -d -t offboarding-bench-data.XXXXXX)
LOG=wegate-bench/target/offboarding-bench-wegate.log
OUT=wegate-bench/target/offboarding-bench-driver.txt
PID=""
stop() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  PID=""
  rm -rf "$DATA"
}
trap stop EXIT
trap 'exit 130' INT TERM

"$JAVA" -jar wegate-server/target/wegate-server.jar --server.address=127.0.0.1 --server.port="$PORT" \
  --wegate.sandbox.port="$SANDBOX_PORT" --wegate.data-dir="$DATA" --wegate.admin.token="$ADMIN_TOKEN" \
  --wegate.management.password="$MANAGEMENT_PASSWORD" \
  --wegate.login.starts-per-minute=0 --wegate.login.failed-logins-per-minute=0 >"$LOG" 2>&1 &
PID=$!
deadline=$((SECONDS + 120))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/actuator/health" || true)" = "200" ]; do
  kill -0 "$PID" 2>/dev/null || { echo "wegate exited during start-up; see $LOG" >&2; tail -n 30 "$LOG" >&2; exit 1; }
  [ "$SECONDS" -lt "$deadline" ] || { echo "wegate did not answer within 120 s; see $LOG" >&2; exit 1; }
  sleep 0.5
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== wegate on 127.0.0.1:$PORT, sandbox on :$SANDBOX_PORT (load average $LOAD_BEFORE)"
rc=0
WEGATE_ADMIN_TOKEN="$ADMIN_TOKEN" WEGATE_MANAGEMENT_PASSWORD="$MANAGEMENT_PASSWORD" \
  timeout 600 "$JAVA" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.OffboardingLoadDriver \
  --issuer "http://127.0.0.1:$PORT" --sandbox "http://127.0.0.1:$SANDBOX_PORT" "$@" | tee "$OUT" || rc=$?
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
stop
JSON=$(sed -n 's/^RESULT //p' "$OUT" | tail -n 1)
[ -n "$JSON" ] || JSON=null
JDK=$("$JAVA" -version 2>&1 | head -n 1 | sed 's/"/\\"/g')
echo "RESULT {\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"cores\":$(nproc),\"jdk\":\"$JDK\",\"load_before\":\"$LOAD_BEFORE\",\"load_after\":\"$LOAD_AFTER\",\"exit\":$rc,\"driver\":$JSON}"
exit "$rc"
