#!/usr/bin/env bash
# Issue 9's side-by-side comparison, one command: wegate's WeCom login (the API flow's login step, in production
# mode against a standalone sandbox, on H2 and on PostgreSQL) against the apps a team would write instead
# (wegate-bench-apps: WxJava's cp service, the naive app of the blog posts, the Redis-lock app), each doing the same
# job on the same sandbox, machine and load: code -> auth/getuserinfo -> user/get -> local user upserted -> JWT.
# Contenders run interleaved, fresh process each, REPEATS times.
#
#   wegate-bench/run-comparison.sh                      # steady: --logins 2000 --concurrency 20, 2 repeats
#   REPEATS=1 CONTENDERS="wegate-h2 wxjava" wegate-bench/run-comparison.sh --logins 1000
#
# Per contender and repeat: the driver's RESULT (logins/s, login-step latency p50/p90/p99/max, failures with the
# first error, upstream calls per login from /sandbox/stats, the contender's CPU seconds over the login phases only
# and per 1,000 logins, read by the driver from /proc/PID/stat around each phase, and its peak RSS, VmHWM) and
# process start -> health 200. Each contender first takes an untimed
# warm-up run (WARMUP_LOGINS, default 1000). Writes wegate-bench/target/comparison.md. Loopback only.
# Scenarios (SCENARIOS, in this order on one warm process): steady (closed loop at the given concurrency, sandbox
# latency 0), latency20 (the same with 20 ms added to auth/getuserinfo and user/get), c1 (concurrency 1, 300 logins:
# the overhead over the upstream calls). The sandbox clock stays put (--token-lifetimes 0): the app token fetched in
# the warm-up serves the whole measured run, so gettoken should read 0 for every contender. Peak RSS is the process's high-water mark up to that scenario.
# SKIP_BUILD=1 uses the jars built.
set -euo pipefail
cd "$(dirname "$0")/.."

REPEATS=${REPEATS:-2}
WARMUP_LOGINS=${WARMUP_LOGINS:-1000}
SCENARIOS=${SCENARIOS:-"steady latency20 c1"}
CONTENDERS=${CONTENDERS:-"wegate-h2 wxjava naive redislock wegate-postgresql"}
PORT=18380
SANDBOX_PORT=18381
SANDBOX=http://127.0.0.1:$SANDBOX_PORT
AGENT_ID=1000002
REDIRECT_URI=http://localhost:8080/callback
CONTENDER_JAVA_OPTS=${CONTENDER_JAVA_OPTS:--Xmx512m}

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
  echo "building the sandbox, wegate-server, wegate-bench and wegate-bench-apps ..."
  ./mvnw -q -DskipTests -Dspotless.check.skip=true -pl wegate-sandbox,wegate-server,wegate-bench,wegate-bench-apps -am package
fi
[ "$#" -gt 0 ] || set -- --logins 2000 --concurrency 20
SANDBOX_JAR=wegate-sandbox/target/wegate-sandbox-0.1.0-SNAPSHOT-all.jar
BENCH_JAR=wegate-bench/target/wegate-bench.jar
APPS_JAR=wegate-bench-apps/target/wegate-bench-apps.jar

PG=0
if command -v psql >/dev/null && psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then PG=1; fi
REDIS=0
if command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 ping 2>/dev/null)" = PONG ]; then REDIS=1; fi

WORK=$(mktemp -d -t comparison.XXXXXX)
SANDBOX_PID=""
PID=""
stop_pid() {
  local p=$1
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill "$p" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  fi
}
cleanup() { stop_pid "$PID"; stop_pid "$SANDBOX_PID"; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url pid log seconds
  local deadline=$((SECONDS + $4))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = "200" ]; do
    kill -0 "$2" 2>/dev/null || { echo "exited during start-up; see $3" >&2; tail -n 30 "$3" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "no answer from $1 within $4 s; see $3" >&2; exit 1; }
    sleep 0.05
  done
}
# the number after "NAME": in a one-line JSON object, or the default
json_number() { local v; v=$(echo "$1" | grep -o "\"$2\":[0-9.]*" | head -n 1 | cut -d: -f2); echo "${v:-$3}"; }

echo "starting the sandbox on $SANDBOX ..."
"$JAVA" -jar "$SANDBOX_JAR" --port "$SANDBOX_PORT" >"$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
wait_for "$SANDBOX/sandbox/fixture" "$SANDBOX_PID" "$WORK/sandbox.log" 60
read -r CORP_ID SECRET <<<"$("$JAVA" -cp "$BENCH_JAR" io.wegate.bench.SandboxCredentials "$SANDBOX" "$AGENT_ID")"

RESULTS=wegate-bench/target/comparison-results.txt
: >"$RESULTS"
TICKS=$(getconf CLK_TCK)

run() { # contender repeat driver-args...
  local c=$1 repeat=$2 flow=contender log="$WORK/$1-$2.log" data="$WORK/data-$1-$2" health=/health
  shift 2
  mkdir -p "$data"
  local common=(--server.port=$PORT --server.tomcat.accept-count=1000 --bench.sandbox=$SANDBOX
    --bench.corp-id="$CORP_ID" --bench.agent-id=$AGENT_ID --bench.secret="$SECRET")
  local t0
  t0=$(date +%s%N)
  case "$c" in
    wegate-h2|wegate-postgresql)
      flow=wecom-api
      health=/actuator/health
      local db=()
      if [ "$c" = wegate-postgresql ]; then
        psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists wegate_comparison" \
          -c "create database wegate_comparison" >/dev/null
        db=(--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/wegate_comparison
          --spring.datasource.username=postgres --spring.datasource.password=)
      fi
      # shellcheck disable=SC2086
      "$JAVA" $CONTENDER_JAVA_OPTS -jar wegate-server/target/wegate-server.jar --server.port=$PORT \
        --server.tomcat.accept-count=1000 --wegate.data-dir="$data" --wegate.sandbox.enabled=false \
        --wegate.wecom.corp-id="$CORP_ID" --wegate.wecom.agent-id=$AGENT_ID --wegate.wecom.secret="$SECRET" \
        --wegate.wecom.api-base-url=$SANDBOX --wegate.wecom.authorize-base-url=$SANDBOX \
        --wegate.login.allowed-redirect-uris=$REDIRECT_URI --wegate.login.starts-per-minute=0 \
        --wegate.token.issuer=https://wegate.bench --logging.level.root=WARN "${db[@]}" >"$log" 2>&1 &
      ;;
    wxjava|naive|redislock)
      local main
      case "$c" in
        wxjava) main=io.wegate.bench.apps.wxjava.WxJavaCpApp ;;
        naive) main=io.wegate.bench.apps.naive.NaiveLoginApp ;;
        redislock) main=io.wegate.bench.apps.redislock.RedisLockLoginApp ;;
      esac
      # shellcheck disable=SC2086
      # a fresh Redis key prefix per process: a token left in Redis by an earlier run (another sandbox) is
      # one the Redis-lock app cannot recover from (40014 until the key expires)
      "$JAVA" $CONTENDER_JAVA_OPTS --enable-native-access=ALL-UNNAMED -Dloader.main=$main -jar "$APPS_JAR" \
        "${common[@]}" --spring.datasource.url="jdbc:h2:file:$data/users" \
        --bench.redis.key-prefix="comparison:$$:$repeat:" >"$log" 2>&1 &
      ;;
    *) echo "unknown contender $c" >&2; exit 2 ;;
  esac
  PID=$!
  wait_for "http://localhost:$PORT$health" "$PID" "$log" 180
  local ready_ms=$((($(date +%s%N) - t0) / 1000000))
  echo "== $c, repeat $repeat: ready in $ready_ms ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  local driver=("$JAVA" -cp "$BENCH_JAR" io.wegate.bench.LoginLoadDriver --gateway "http://localhost:$PORT"
    --sandbox "$SANDBOX" --redirect-uri "$REDIRECT_URI" --flow "$flow" --token-lifetimes 0
    --server-pid "$PID" --clock-ticks "$TICKS")
  if [ "$WARMUP_LOGINS" -gt 0 ]; then
    "${driver[@]}" --logins "$WARMUP_LOGINS" --concurrency 20 --warmup 0 >>"$log.warmup" 2>&1 || true
  fi
  local scenario line
  for scenario in $SCENARIOS; do
    local args=("$@")
    case "$scenario" in
      steady) ;;
      latency20)
        for path in /cgi-bin/auth/getuserinfo /cgi-bin/user/get; do
          curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
            -d "{\"type\":\"latency\",\"path\":\"$path\",\"millis\":20}" "$SANDBOX/sandbox/faults"
        done
        ;;
      c1) args=("$@" --concurrency 1 --logins 300) ;;
      *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
    "${driver[@]}" --warmup 0 "${args[@]}" >"$log.$scenario" 2>&1 || true
    curl -s -o /dev/null -X DELETE "$SANDBOX/sandbox/faults"
    line=$(sed -n 's/^RESULT //p' "$log.$scenario" | head -n 1)
    [ -n "$line" ] || { echo "   no RESULT from the driver; see $log.$scenario"; tail -n 5 "$log.$scenario"; line='{}'; }
    # CPU: the driver's, of the login phases only (the contenders have no start step; wegate's is left out)
    echo "RESULT repeat=$repeat scenario=$scenario contender=$c ready_ms=$ready_ms cpu_seconds=$(json_number "$line" cpu_seconds_login 0) peak_rss_kb=$(json_number "$line" peak_rss_kb "") json=$line" >>"$RESULTS"
    echo "   $scenario: $(echo "$line" | grep -o '"logins_per_second":[0-9.]*' | head -n 1) $(echo "$line" | grep -o '"logins_failed":[0-9]*' | head -n 1)"
  done
  stop_pid "$PID"
  PID=""
}

for repeat in $(seq 1 "$REPEATS"); do
  for c in $CONTENDERS; do
    case "$c" in
      wegate-postgresql) [ "$PG" = 1 ] || { echo "== $c skipped: no PostgreSQL at 127.0.0.1:5432"; continue; } ;;
      redislock) [ "$REDIS" = 1 ] || { echo "== $c skipped: no Redis at 127.0.0.1:6379"; continue; } ;;
    esac
    run "$c" "$repeat" "$@"
  done
done

"$JAVA" -cp "$BENCH_JAR" io.wegate.bench.ComparisonReport "$RESULTS" \
  "$(nproc) cores, $("$JAVA" -version 2>&1 | head -n 1), $(date -u +%Y-%m-%d), driver options: $*" \
  | tee wegate-bench/target/comparison.md
