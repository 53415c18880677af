#!/usr/bin/env bash
# The OpenID Connect token endpoints side by side, in one run: wegate (embedded H2, and PostgreSQL) and Spring
# Authorization Server with its documented defaults (in-memory authorization service), and tuned: the one costly
# default turned off (the bcrypt "upgrade" of client secrets at first use), in memory and with its JDBC service on
# H2 and on PostgreSQL,
# each started fresh on this machine, driven by io.wegate.bench.OidcTokenLoadDriver (code
# exchanges, refreshes, introspections, UserInfo; closed loop). Contenders run interleaved, REPEATS times.
#
#   wegate-bench/run-oidc-bench.sh                        # --ops 3000 --warmup 1000 --concurrency 20, 2 repeats
#   REPEATS=1 wegate-bench/run-oidc-bench.sh --ops 1000 --warmup 300
#
# Each contender first gets an untimed pass of every scenario (WARMUP_OPS operations each, default 3000; 0 skips
# it), so that both are measured with their hot paths compiled, as JMH measures after its warm-up iterations.
#
# PostgreSQL contenders need a PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) and psql; without it they
# are skipped, and the report says so. Writes wegate-bench/target/oidc-bench.md (a Markdown table) and prints it.
# SKIP_BUILD=1 uses the jars already built. Everything stays on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."

REPEATS=${REPEATS:-2}
WARMUP_OPS=${WARMUP_OPS:-3000}
PORT=18080
SANDBOX_PORT=18081
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
  echo "building wegate-server, wegate-bench and wegate-bench-apps ..."
  ./mvnw -q -DskipTests -pl wegate-server,wegate-bench,wegate-bench-apps -am package
fi
[ "$#" -gt 0 ] || set -- --ops 3000 --warmup 1000 --concurrency 20

PG=0
if command -v psql >/dev/null && psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then PG=1; fi
fresh_pg() { psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $1" -c "create database $1" >/dev/null; }

PID=""
DATA=""
stop() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  PID=""
  [ -z "$DATA" ] || rm -rf "$DATA"
  DATA=""
}
trap stop EXIT
trap 'exit 130' INT TERM

wait_for() { # url
  local deadline=$((SECONDS + 120))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = "200" ]; do
    kill -0 "$PID" 2>/dev/null || { echo "the contender exited during start-up; see $LOG" >&2; tail -n 30 "$LOG" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "no answer from $1 within 120 s; see $LOG" >&2; exit 1; }
    sleep 0.5
  done
}

RESULTS=wegate-bench/target/oidc-bench-results.txt
: > "$RESULTS"
LOG=$(mktemp -t oidc-bench.XXXXXX.log)

run() { # label repeat
  local label=$1 repeat=$2 login=wegate
  shift 2
  DATA=$(mktemp -d -t oidc-bench-data.XXXXXX)
  case "$label" in
    wegate-h2)
      "$JAVA" -jar wegate-server/target/wegate-server.jar --server.port=$PORT --wegate.sandbox.port=$SANDBOX_PORT \
        --wegate.login.starts-per-minute=0 --server.tomcat.accept-count=1000 --wegate.data-dir="$DATA" >"$LOG" 2>&1 &
      ;;
    wegate-postgresql)
      fresh_pg wegate_oidc_bench
      "$JAVA" -jar wegate-server/target/wegate-server.jar --server.port=$PORT --wegate.sandbox.port=$SANDBOX_PORT \
        --wegate.login.starts-per-minute=0 --server.tomcat.accept-count=1000 --wegate.data-dir="$DATA" \
        --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/wegate_oidc_bench \
        --spring.datasource.username=postgres --spring.datasource.password= >"$LOG" 2>&1 &
      ;;
    sas-memory)
      login=form
      "$JAVA" -jar wegate-bench-apps/target/wegate-bench-apps.jar --server.port=$PORT >"$LOG" 2>&1 &
      ;;
    sas-memory-tuned)
      login=form
      "$JAVA" -jar wegate-bench-apps/target/wegate-bench-apps.jar --server.port=$PORT \
        --bench.sas.keep-client-secret-encoding=true >"$LOG" 2>&1 &
      ;;
    sas-memory-tuned-accp)
      login=form
      "$JAVA" --enable-native-access=ALL-UNNAMED -jar wegate-bench-apps/target/wegate-bench-apps.jar --server.port=$PORT \
        --bench.sas.keep-client-secret-encoding=true --bench.sas.accp=true >"$LOG" 2>&1 &
      ;;
    sas-jdbc-h2)
      login=form
      "$JAVA" -jar wegate-bench-apps/target/wegate-bench-apps.jar --server.port=$PORT --bench.sas.store=jdbc --bench.sas.keep-client-secret-encoding=true \
        "--spring.datasource.url=jdbc:h2:file:$DATA/sas" >"$LOG" 2>&1 &
      ;;
    sas-jdbc-postgresql)
      login=form
      fresh_pg sas_oidc_bench
      "$JAVA" -jar wegate-bench-apps/target/wegate-bench-apps.jar --server.port=$PORT --bench.sas.store=jdbc --bench.sas.keep-client-secret-encoding=true \
        --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/sas_oidc_bench \
        --spring.datasource.username=postgres --spring.datasource.password= >"$LOG" 2>&1 &
      ;;
  esac
  PID=$!
  if [ "$login" = wegate ]; then wait_for "http://localhost:$PORT/actuator/health"; else wait_for "http://localhost:$PORT/login"; fi
  if [ "$WARMUP_OPS" -gt 0 ]; then
    # an untimed pass of every scenario first: the JIT compiles the hot paths of both contenders alike
    # (the first few thousand requests of a fresh JVM run at a third of the speed of the later ones)
    echo "== $label, repeat $repeat: untimed warm-up pass, $WARMUP_OPS operations per scenario"
    "$JAVA" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.OidcTokenLoadDriver \
      --label "$label" --issuer "http://localhost:$PORT" --login "$login" --sandbox "http://127.0.0.1:$SANDBOX_PORT" \
      --ops "$WARMUP_OPS" --warmup 0 --concurrency 20 >>"$LOG" 2>&1 || echo "   (the warm-up pass reported errors; see $LOG)"
  fi
  echo "== $label, repeat $repeat (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$JAVA" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.OidcTokenLoadDriver \
    --label "$label" --issuer "http://localhost:$PORT" --login "$login" --sandbox "http://127.0.0.1:$SANDBOX_PORT" "$@" \
    | tee -a /dev/stderr | sed -n "s/^RESULT /RESULT repeat=$repeat /p" >> "$RESULTS" || true
  stop
}

CONTENDERS=${CONTENDERS:-"wegate-h2 sas-memory sas-memory-tuned sas-memory-tuned-accp sas-jdbc-h2"}
[ "$PG" = 1 ] && [ -z "${ONLY:-}" ] && CONTENDERS="$CONTENDERS wegate-postgresql sas-jdbc-postgresql"
for repeat in $(seq 1 "$REPEATS"); do
  for c in $CONTENDERS; do run "$c" "$repeat" "$@"; done
done

"$JAVA" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.OidcBenchReport "$RESULTS" \
  "$(nproc) cores, $("$JAVA" -version 2>&1 | head -n 1), $(date -u +%Y-%m-%d), driver options: $*$([ "$PG" = 1 ] || echo ', PostgreSQL contenders skipped (no server)')" \
  | tee wegate-bench/target/oidc-bench.md
