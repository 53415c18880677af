#!/usr/bin/env bash
# Issue 9's side-by-side comparison, one command: wegate's WeCom login (the API flow's login step, in production
# mode against a standalone sandbox, on H2 and on PostgreSQL) against the apps a team would write instead
# (wegate-bench-apps: WxJava's cp service, the naive app of the blog posts, the Redis-lock app), each doing the same
# job on the same sandbox, machine and load: code -> auth/getuserinfo -> user/get -> local user upserted -> JWT.
#
#   wegate-bench/run-comparison.sh                      # everything: 2 repeats, 5 contenders, then the cluster part
#   WRITE_DOCS=1 wegate-bench/run-comparison.sh         # ... and write the figures into docs/benchmarks.md
#   REPEATS=1 CONTENDERS="wegate-h2 naive" CLUSTER=0 COLD_LOGINS=300 RATE_SECONDS=3 wegate-bench/run-comparison.sh --logins 500
#
# Repeat by repeat: first the direct floor (the driver makes the two upstream calls itself: --flow direct, 300
# logins at concurrency 1), then each contender in turn as a fresh process (fresh database), running SCENARIOS in
# this order on that one process:
#   cold          right after the health check, before anything else: COLD_LOGINS (1000) logins released at once;
#                 the process has no app token yet; gettoken counted from the process's exec; process start ->
#                 first login = exec -> health 200 plus release -> first successful login
#   (warm-up)     WARMUP_LOGINS (2000; CLUSTER_WARMUP_LOGINS, 1000, per cluster) at concurrency 20, not measured: a fresh JVM is still compiling its hot paths after 1,000
#   steady        closed loop with the driver arguments (default --logins 2000 --concurrency 20), latency 0
#   latency20     the same with LATENCY_LOGINS (1000), 20 ms added by the sandbox to auth/getuserinfo and to user/get
#   rate          open loop at RATE (150) logins/s for RATE_SECONDS (6) s, latency from the intended start
#   c1            concurrency 1, C1_LOGINS (300); overhead = its p50 minus the direct floor's p50
#   burst-1       errcode -1 on the next FAULT_CALLS (50) auth/getuserinfo calls (the sandbox counts calls, so
#                 retries use them up too), while FAULT_LOGINS (1000) logins run at concurrency 20
#   invalidation  INVALIDATION_LOGINS (1000) released at once; after INVALIDATE_AFTER (100) have completed, the
#                 sandbox invalidates every token early; errors and gettoken counted. Last: the naive and Redis-lock
#                 apps do not recover from it.
# Then the cluster part (CLUSTER=1; CLUSTER_REPEATS, default 1): three instances of each contender that can share
# its token, on ports 18380-18382, the driver round robin across them, running CLUSTER_SCENARIOS (cold steady
# invalidation, with the warm-up after cold): wegate on Redis and PostgreSQL (wegate.store=redis, as
# run-cluster-bench.sh), wxjava on WxJava's Redis config storage, redislock sharing one key prefix, and naive as three
# independent processes (cold only); gettoken counted across the cluster.
#
# Every driver run reads the contender's CPU time from /proc/PID/stat around its login phases only
# (--server-pid: wegate's authorize-url start step is left out and reported apart) and its peak RSS (VmHWM).
# Writes wegate-bench/target/comparison-results.txt (one RESULT line per run), comparison.md and the SVG plots;
# WRITE_DOCS=1 also copies the plots to docs/img/ and replaces the part of docs/benchmarks.md between
# <!-- comparison:begin --> and <!-- comparison:end -->. The sandbox clock stays put (--token-lifetimes 0).
# Ports: contenders 18380-18382, the sandbox 18390. Loopback only. SKIP_BUILD=1 uses the jars built.
# Needs PostgreSQL (wegate-postgresql, the wegate cluster) and Redis (redislock, the cluster) on 127.0.0.1;
# what is missing is skipped and said so.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRIPT_START=$SECONDS
# the settings given in the environment, for the report's record of the command
SETTINGS=""
for v in REPEATS CONTENDERS SCENARIOS WARMUP_LOGINS CLUSTER_WARMUP_LOGINS LATENCY_LOGINS COLD_LOGINS RATE RATE_SECONDS C1_LOGINS DIRECT_LOGINS FAULT_LOGINS \
  FAULT_CALLS INVALIDATION_LOGINS INVALIDATE_AFTER CLUSTER CLUSTER_REPEATS CLUSTER_CONTENDERS CLUSTER_SCENARIOS \
  CONTENDER_JAVA_OPTS WEGATE_LAUNCHER WEGATE_JAVA_OPTS; do
  if [ -n "${!v+x}" ]; then
    case "${!v}" in *" "*) SETTINGS+="$v=\"${!v}\" " ;; *) SETTINGS+="$v=${!v} " ;; esac
  fi
done

REPEATS=${REPEATS:-2}
CONTENDERS=${CONTENDERS:-"wegate-h2 wxjava naive redislock wegate-postgresql"}
SCENARIOS=${SCENARIOS:-"cold steady latency20 rate c1 burst-1 invalidation"}
WARMUP_LOGINS=${WARMUP_LOGINS:-2000}
CLUSTER_WARMUP_LOGINS=${CLUSTER_WARMUP_LOGINS:-1000}
LATENCY_LOGINS=${LATENCY_LOGINS:-1000}
COLD_LOGINS=${COLD_LOGINS:-1000}
RATE=${RATE:-150}
RATE_SECONDS=${RATE_SECONDS:-6}
C1_LOGINS=${C1_LOGINS:-300}
DIRECT_LOGINS=${DIRECT_LOGINS:-300}
FAULT_LOGINS=${FAULT_LOGINS:-1000}
FAULT_CALLS=${FAULT_CALLS:-50}
INVALIDATION_LOGINS=${INVALIDATION_LOGINS:-1000}
INVALIDATE_AFTER=${INVALIDATE_AFTER:-100}
CLUSTER=${CLUSTER:-1}
CLUSTER_REPEATS=${CLUSTER_REPEATS:-1}
CLUSTER_CONTENDERS=${CLUSTER_CONTENDERS:-"wegate wxjava redislock naive"}
CLUSTER_SCENARIOS=${CLUSTER_SCENARIOS:-"cold steady invalidation"}
CLUSTER_SIZE=3
PORT=18380
SANDBOX_PORT=18390
SANDBOX=http://127.0.0.1:$SANDBOX_PORT
AGENT_ID=1000002
REDIRECT_URI=http://localhost:8080/callback
CONTENDER_JAVA_OPTS=${CONTENDER_JAVA_OPTS:--Xmx512m}
RUN_ID="comparison-$$-$(date +%s)"

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
for arg in "$@"; do
  case "$arg" in
    --gateway*|--sandbox*|--server-pid*|--flow*|--rate*|--burst*|--invalidate-after*)
      echo "$arg is set by this script; pass the steady scenario's --logins/--concurrency only" >&2; exit 2 ;;
  esac
done
SANDBOX_JAR=wegate-sandbox/target/wegate-sandbox-0.1.0-SNAPSHOT-all.jar
SERVER_JAR=wegate-server/target/wegate-server.jar
# how wegate starts: the README's run command (run.sh) unless WEGATE_LAUNCHER=jar (java $CONTENDER_JAVA_OPTS -jar)
WEGATE_LAUNCHER=${WEGATE_LAUNCHER:-run.sh}
WEGATE_JAVA_OPTS=${WEGATE_JAVA_OPTS:-}
# run in the background (cmd &): exec keeps the PID the script records that of wegate's JVM (run.sh execs java too)
launch_wegate() {
  if [ "$WEGATE_LAUNCHER" = run.sh ]; then
    JAVA_OPTS="$WEGATE_JAVA_OPTS" exec wegate-server/run.sh "$@"
  else
    # shellcheck disable=SC2086
    exec "$JAVA" $CONTENDER_JAVA_OPTS -jar "$SERVER_JAR" "$@"
  fi
}
BENCH_JAR=wegate-bench/target/wegate-bench.jar
APPS_JAR=wegate-bench-apps/target/wegate-bench-apps.jar
for jar in "$SANDBOX_JAR" "$SERVER_JAR" "$BENCH_JAR" "$APPS_JAR"; do
  [ -f "$jar" ] || { echo "$jar is missing; build it first (or drop SKIP_BUILD)" >&2; exit 1; }
done

PG=0
if command -v psql >/dev/null && psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then PG=1; fi
REDIS=0
if command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 ping 2>/dev/null)" = PONG ]; then REDIS=1; fi

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true; }
for p in $SANDBOX_PORT $(seq $PORT $((PORT + CLUSTER_SIZE - 1))); do
  if [ "$(http_status "http://127.0.0.1:$p/")" != "000" ]; then
    echo "something already answers on port $p; stop it first (this script measures what it starts)" >&2
    exit 1
  fi
done

WORK=$(mktemp -d -t comparison.XXXXXX)
SANDBOX_PID=""
PIDS=()
DATABASES=()
stop_pids() { # pid...
  local p
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
}
cleanup() {
  local status=$?
  stop_pids "${PIDS[@]}"
  stop_pids $SANDBOX_PID
  local db
  for db in "${DATABASES[@]}"; do
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $db" >/dev/null 2>&1 || true
  done
  if [ "$REDIS" = 1 ]; then
    redis-cli -h 127.0.0.1 --scan --pattern "$RUN_ID*" 2>/dev/null | xargs -r -n 100 redis-cli -h 127.0.0.1 del >/dev/null 2>&1 || true
  fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ]; then echo "logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # url pid log seconds
  local deadline=$((SECONDS + $4))
  until [ "$(http_status "$1")" = "200" ]; do
    kill -0 "$2" 2>/dev/null || { echo "exited during start-up; see $3" >&2; tail -n 30 "$3" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "no answer from $1 within $4 s; see $3" >&2; exit 1; }
    sleep 0.05
  done
}
# the number after "NAME": in a one-line JSON object, or the default
json_number() { local v; v=$(echo "$1" | grep -o "\"$2\":[0-9.]*" | head -n 1 | cut -d: -f2); echo "${v:-$3}"; }
gettoken_calls() { json_number "$(curl -s --max-time 5 "$SANDBOX/sandbox/stats")" /cgi-bin/gettoken 0; }
load1() { cut -d' ' -f1 /proc/loadavg; }
post_fault() { curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d "$1" "$SANDBOX/sandbox/faults"; }

echo "starting the sandbox on $SANDBOX ..."
"$JAVA" -jar "$SANDBOX_JAR" --port "$SANDBOX_PORT" >"$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
wait_for "$SANDBOX/sandbox/fixture" "$SANDBOX_PID" "$WORK/sandbox.log" 60
read -r CORP_ID SECRET <<<"$("$JAVA" -cp "$BENCH_JAR" io.wegate.bench.SandboxCredentials "$SANDBOX" "$AGENT_ID")"

RESULTS=wegate-bench/target/comparison-results.txt
: >"$RESULTS"
TICKS=$(getconf CLK_TCK)

# start_contender NAME INSTANCE CLUSTER(0/1) KEY: starts one process on port PORT+INSTANCE, appends its pid to PIDS
start_contender() {
  local c=$1 i=$2 cluster=$3 key=$4 port=$((PORT + $2)) log="$WORK/$4-$2.log" data="$WORK/data-$4-$2"
  mkdir -p "$data"
  case "$c" in
    wegate-h2|wegate-postgresql|wegate)
      local db=()
      if [ "$c" = wegate-postgresql ] || [ "$c" = wegate ]; then
        local name=${key//[^a-z0-9]/_}
        if [ "$i" = 0 ]; then
          PGOPTIONS='--client-min-messages=warning' psql -q -h 127.0.0.1 -U postgres -d postgres \
            -c "drop database if exists $name" -c "create database $name" >/dev/null
          DATABASES+=("$name")
        fi
        db=(--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$name
          --spring.datasource.username=postgres --spring.datasource.password=)
      fi
      if [ "$cluster" = 1 ]; then
        db+=(--wegate.store=redis --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379
          --wegate.redis.key-prefix="$RUN_ID-$key:")
      fi
      # wegate as the README runs it: wegate-server/run.sh (its memory settings and the JVM's class cache, trained
      # before the first timed start); WEGATE_JAVA_OPTS adds to them, WEGATE_LAUNCH=jar runs plain java -jar instead
      launch_wegate --server.port=$port \
        --server.tomcat.accept-count=1000 --wegate.data-dir="$data" --wegate.sandbox.enabled=false \
        --wegate.wecom.corp-id="$CORP_ID" --wegate.wecom.agent-id=$AGENT_ID --wegate.wecom.secret="$SECRET" \
        --wegate.wecom.api-base-url=$SANDBOX --wegate.wecom.authorize-base-url=$SANDBOX \
        --wegate.login.allowed-redirect-uris=$REDIRECT_URI --wegate.login.starts-per-minute=0 \
        --wegate.token.issuer=https://wegate.bench --logging.level.root=WARN "${db[@]}" >"$log" 2>&1 &
      ;;
    wxjava|naive|redislock)
      local main extra=()
      case "$c" in
        wxjava)
          main=io.wegate.bench.apps.wxjava.WxJavaCpApp
          if [ "$cluster" = 1 ]; then extra=(--bench.wxjava.redis=true --bench.wxjava.redis-key-prefix="$RUN_ID-$key"); fi
          ;;
        naive) main=io.wegate.bench.apps.naive.NaiveLoginApp ;;
        # a fresh Redis key prefix per process (per cluster): a token left in Redis by an earlier run (another
        # sandbox) is one the Redis-lock app cannot recover from (40014 until the key expires)
        redislock) main=io.wegate.bench.apps.redislock.RedisLockLoginApp; extra=(--bench.redis.key-prefix="$RUN_ID-$key:") ;;
      esac
      # shellcheck disable=SC2086
      "$JAVA" $CONTENDER_JAVA_OPTS --enable-native-access=ALL-UNNAMED -Dloader.main=$main -jar "$APPS_JAR" \
        --server.port=$port --server.tomcat.accept-count=1000 --bench.sandbox=$SANDBOX \
        --bench.corp-id="$CORP_ID" --bench.agent-id=$AGENT_ID --bench.secret="$SECRET" \
        --spring.datasource.url="jdbc:h2:file:$data/users" "${extra[@]}" >"$log" 2>&1 &
      ;;
    *) echo "unknown contender $c" >&2; exit 2 ;;
  esac
  PIDS+=($!)
}

health_path() { case "$1" in wegate*) echo /actuator/health ;; *) echo /health ;; esac; }
flow_of() { case "$1" in wegate*) echo wecom-api ;; *) echo contender ;; esac; }

# run_driver LOG ARGS...: the driver against the running instances (GATEWAY_ARGS, PID_ARGS), output to LOG
run_driver() {
  local log=$1
  shift
  "$JAVA" -cp "$BENCH_JAR" io.wegate.bench.LoginLoadDriver "${GATEWAY_ARGS[@]}" --sandbox "$SANDBOX" \
    --redirect-uri "$REDIRECT_URI" --token-lifetimes 0 --clock-ticks "$TICKS" "$@" >"$log" 2>&1 || true
}

# record REPEAT SCENARIO CONTENDER LOG EXTRA...: one RESULT line from the driver's output
record() {
  local repeat=$1 scenario=$2 c=$3 log=$4 line
  shift 4
  line=$(sed -n 's/^RESULT //p' "$log" | head -n 1)
  [ -n "$line" ] || { echo "   $scenario: no RESULT from the driver; see $log"; tail -n 5 "$log"; line='{}'; }
  echo "RESULT repeat=$repeat scenario=$scenario contender=$c $* json=$line" >>"$RESULTS"
  printf '   %-13s %8s logins/s  p99 %8s ms  failed %s  gettoken %s  CPU s/1000 %s\n' "$scenario" \
    "$(json_number "$line" logins_per_second -)" "$(json_number "$(echo "$line" | grep -o '"latency_ms":{[^}]*}')" p99 -)" \
    "$(json_number "$line" logins_failed -)" "$(json_number "$(echo "$line" | grep -o '"upstream_calls":{[^}]*}')" /cgi-bin/gettoken 0)" \
    "$(json_number "$line" cpu_seconds_per_1000_logins -)"
}

# run_contender NAME REPEAT INSTANCES PREFIX SCENARIOS DRIVER-ARGS...: start the process(es), run the scenarios, stop
run_contender() {
  local c=$1 repeat=$2 n=$3 prefix=$4 scenarios=$5
  shift 5
  local key="$c-$repeat${prefix:+-cluster}" cluster=0 i flow
  if [ "$n" -gt 1 ]; then cluster=1; fi
  flow=$(flow_of "$c")
  PIDS=()
  GATEWAY_ARGS=(--flow "$flow")
  local g0 exec_ms t0 began=$SECONDS
  g0=$(gettoken_calls)
  t0=$(date +%s%N)
  exec_ms=$((t0 / 1000000))
  for i in $(seq 0 $((n - 1))); do start_contender "$c" "$i" "$cluster" "$key"; done
  for i in $(seq 0 $((n - 1))); do
    wait_for "http://localhost:$((PORT + i))$(health_path "$c")" "${PIDS[$i]}" "$WORK/$key-$i.log" 180
    GATEWAY_ARGS+=(--gateway "http://localhost:$((PORT + i))" --server-pid "${PIDS[$i]}")
  done
  local ready_ms=$((($(date +%s%N) - t0) / 1000000))
  echo "== ${prefix}$c ($n instance(s)), repeat $repeat: ready in $ready_ms ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  local common="ready_ms=$ready_ms exec_epoch_ms=$exec_ms instances=$n"
  local scenario log="$WORK/$key"
  for scenario in $scenarios; do
    local l1
    l1=$(load1)
    case "$scenario" in
      cold)
        run_driver "$log.cold" --warmup 0 --concurrency 20 --burst "$COLD_LOGINS"
        record "$repeat" "${prefix}cold" "$c" "$log.cold" "$common load1=$l1 gettoken_since_exec=$(($(gettoken_calls) - g0))"
        local warm=$WARMUP_LOGINS
        if [ "$cluster" = 1 ]; then warm=$CLUSTER_WARMUP_LOGINS; fi
        if [ "$warm" -gt 0 ]; then
          run_driver "$log.warmup" --warmup 0 --concurrency 20 --logins "$warm"
        fi
        ;;
      steady)
        run_driver "$log.steady" --warmup 0 "$@"
        record "$repeat" "${prefix}steady" "$c" "$log.steady" "$common load1=$l1"
        ;;
      latency20)
        for path in /cgi-bin/auth/getuserinfo /cgi-bin/user/get; do
          post_fault "{\"type\":\"latency\",\"path\":\"$path\",\"millis\":20}"
        done
        run_driver "$log.latency20" --warmup 0 "$@" --logins "$LATENCY_LOGINS"
        curl -s -o /dev/null -X DELETE "$SANDBOX/sandbox/faults"
        record "$repeat" "${prefix}latency20" "$c" "$log.latency20" "$common load1=$l1"
        ;;
      rate)
        run_driver "$log.rate" --warmup 0 --concurrency 20 --rate "$RATE" --logins $((RATE * RATE_SECONDS))
        record "$repeat" "${prefix}rate" "$c" "$log.rate" "$common load1=$l1"
        ;;
      c1)
        run_driver "$log.c1" --warmup 0 "$@" --concurrency 1 --logins "$C1_LOGINS"
        record "$repeat" "${prefix}c1" "$c" "$log.c1" "$common load1=$l1"
        ;;
      burst-1)
        # the sandbox counts the calls that arrive, retries included: FAULT_CALLS answers of -1 in all
        post_fault "{\"type\":\"errcode\",\"path\":\"/cgi-bin/auth/getuserinfo\",\"errcode\":-1,\"count\":$FAULT_CALLS}"
        run_driver "$log.burst-1" --warmup 0 --concurrency 20 --logins "$FAULT_LOGINS"
        curl -s -o /dev/null -X DELETE "$SANDBOX/sandbox/faults"
        record "$repeat" "${prefix}burst-1" "$c" "$log.burst-1" "$common load1=$l1 fault_calls=$FAULT_CALLS"
        ;;
      invalidation)
        run_driver "$log.invalidation" --warmup 0 --concurrency 20 --burst "$INVALIDATION_LOGINS" \
          --invalidate-after "$INVALIDATE_AFTER"
        record "$repeat" "${prefix}invalidation" "$c" "$log.invalidation" "$common load1=$l1"
        ;;
      *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
  done
  stop_pids "${PIDS[@]}"
  PIDS=()
  echo "   (${prefix}$c took $((SECONDS - began)) s)"
}

skipped() { # contender cluster(0/1): a reason to skip, or nothing
  case "$1" in
    wegate-postgresql) [ "$PG" = 1 ] || echo "no PostgreSQL at 127.0.0.1:5432" ;;
    wegate) [ "$PG" = 1 ] && [ "$REDIS" = 1 ] || echo "no PostgreSQL at 127.0.0.1:5432 or no Redis at 127.0.0.1:6379" ;;
    redislock) [ "$REDIS" = 1 ] || echo "no Redis at 127.0.0.1:6379" ;;
    wxjava) [ "$2" = 0 ] || [ "$REDIS" = 1 ] || echo "no Redis at 127.0.0.1:6379" ;;
  esac
}

# wegate's launcher trains the JVM's class cache on its first start (tens of seconds): done here, untimed
if [ "$WEGATE_LAUNCHER" = run.sh ] && { [[ " $CONTENDERS " == *" wegate"* ]] || { [ "$CLUSTER" = 1 ] && [[ " $CLUSTER_CONTENDERS " == *" wegate "* ]]; }; }; then
  echo "training wegate's class cache (wegate-server/run.sh, once per jar) ..."
  JAVA_OPTS="$WEGATE_JAVA_OPTS" wegate-server/run.sh --server.port=0 --wegate.sandbox.port=0 \
    --wegate.data-dir="$WORK/pretrain" --logging.level.root=WARN >"$WORK/pretrain.log" 2>&1 &
  pre=$!
  for _ in $(seq 1 600); do
    # any one of them: the cache trained, or the training failed (run.sh then starts without one)
    compgen -G "wegate-server/target/run/app/wegate-*.[aj][os][ta]" >/dev/null && break
    compgen -G "wegate-server/target/run/app/wegate-*.failed" >/dev/null && break
    kill -0 "$pre" 2>/dev/null || break
    sleep 0.5
  done
  kill "$pre" 2>/dev/null || true
  wait "$pre" 2>/dev/null || true
fi

for repeat in $(seq 1 "$REPEATS"); do
  # the floor under every login: the same two upstream calls made by the driver itself, no contender running
  GATEWAY_ARGS=(--flow direct)
  run_driver "$WORK/direct-$repeat.log" --warmup 100 --concurrency 1 --logins "$DIRECT_LOGINS"
  echo "== direct upstream calls, repeat $repeat"
  record "$repeat" direct direct "$WORK/direct-$repeat.log" "load1=$(load1)"
  for c in $CONTENDERS; do
    reason=$(skipped "$c" 0)
    if [ -n "$reason" ]; then echo "== $c skipped: $reason"; continue; fi
    run_contender "$c" "$repeat" 1 "" "$SCENARIOS" "$@"
  done
done

if [ "$CLUSTER" = 1 ]; then
  for repeat in $(seq 1 "$CLUSTER_REPEATS"); do
    for c in $CLUSTER_CONTENDERS; do
      reason=$(skipped "$c" 1)
      if [ -n "$reason" ]; then echo "== cluster $c skipped: $reason"; continue; fi
      scenarios=$CLUSTER_SCENARIOS
      # three naive apps share nothing: their cold burst shows the gettoken cost; their steady state and their
      # invalidation (862 of 1,000 lost on one instance) say nothing the single-instance runs do not
      if [ "$c" = naive ] && [[ " $scenarios " == *" cold "* ]]; then scenarios=cold; fi
      run_contender "$c" "$repeat" "$CLUSTER_SIZE" cluster- "$scenarios" "$@"
    done
  done
fi
stop_pids $SANDBOX_PID
SANDBOX_PID=""

DOCS=()
[ "${WRITE_DOCS:-}" = 1 ] && DOCS=(--docs docs/benchmarks.md --docs-images docs/img)
"$JAVA" -cp "$BENCH_JAR" io.wegate.bench.comparison.ComparisonReport --results "$RESULTS" --out wegate-bench/target \
  --server-jar "$SERVER_JAR" --apps-jar "$APPS_JAR" --cores "$(nproc)" \
  --commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')" \
  --command "${SETTINGS}wegate-bench/run-comparison.sh $*" "${DOCS[@]}"
echo "wrote wegate-bench/target/comparison.md and its plots${DOCS:+; docs/benchmarks.md and docs/img/ updated}"
elapsed=$((SECONDS - SCRIPT_START))
echo "elapsed: $((elapsed / 60)) min $((elapsed % 60)) s"
