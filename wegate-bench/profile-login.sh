#!/usr/bin/env bash
# Where a login's CPU goes: one contender under login load with a JFR recording, summarised by
# io.wegate.bench.profile.LoginProfile (JFR samples per 1,000 logins in each part of the login).
#
#   wegate-bench/profile-login.sh                          # wegate (wegate-server/target/wegate-server.jar), H2
#   JAR=/tmp/wegate-old.jar wegate-bench/profile-login.sh  # another build of wegate, for a before/after table
#   MAIN=io.wegate.bench.apps.wxjava.WxJavaCpApp wegate-bench/profile-login.sh   # a contender app
#
# A standalone sandbox on :18591, the server on :18590 (production mode for wegate), WARM (3000) logins of warm-up,
# then JFR (settings=profile, started by jcmd) over LOGINS (6000) logins at concurrency 20. Leaves the recording in
# OUT (wegate-bench/target/profile-<label>/rec.jfr) and prints the table. SKIP_BUILD=1 uses the jars built.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
J=$JAVA_HOME/bin/java
WARM=${WARM:-3000}
LOGINS=${LOGINS:-6000}
LABEL=${LABEL:-$( [ -n "${MAIN:-}" ] && echo "${MAIN##*.}" || echo wegate )}
OUT=${OUT:-wegate-bench/target/profile-$LABEL}
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -DskipTests -Dspotless.check.skip=true -pl wegate-sandbox,wegate-server,wegate-bench,wegate-bench-apps -am package
fi
rm -rf "$OUT"; mkdir -p "$OUT"
SP=""; WP=""
trap 'kill $SP $WP 2>/dev/null || true' EXIT
"$J" -jar wegate-sandbox/target/wegate-sandbox-0.1.0-SNAPSHOT-all.jar --port 18591 >"$OUT/sandbox.log" 2>&1 &
SP=$!
until curl -sf -o /dev/null http://127.0.0.1:18591/sandbox/fixture; do sleep 0.2; done
read -r CORP SECRET <<<"$("$J" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.SandboxCredentials http://127.0.0.1:18591 1000002)"
if [ -n "${MAIN:-}" ]; then
  "$J" -Xmx512m --enable-native-access=ALL-UNNAMED -Dloader.main="$MAIN" -jar wegate-bench-apps/target/wegate-bench-apps.jar \
    --server.port=18590 --server.tomcat.accept-count=1000 --bench.sandbox=http://127.0.0.1:18591 --bench.corp-id="$CORP" \
    --bench.agent-id=1000002 --bench.secret="$SECRET" --spring.datasource.url="jdbc:h2:file:$PWD/$OUT/data/users" \
    --bench.redis.key-prefix="profile:$$:" >"$OUT/server.log" 2>&1 &
  FLOW=contender; HEALTH=/health
else
  "$J" -Xmx512m -jar "${JAR:-wegate-server/target/wegate-server.jar}" --server.port=18590 --server.tomcat.accept-count=1000 \
    --wegate.data-dir="$OUT/data" --wegate.sandbox.enabled=false --wegate.wecom.corp-id="$CORP" --wegate.wecom.agent-id=1000002 \
    --wegate.wecom.secret="$SECRET" --wegate.wecom.api-base-url=http://127.0.0.1:18591 \
    --wegate.wecom.authorize-base-url=http://127.0.0.1:18591 --wegate.login.allowed-redirect-uris=http://localhost:8080/callback \
    --wegate.login.starts-per-minute=0 --wegate.token.issuer=https://wegate.bench --logging.level.root=WARN >"$OUT/server.log" 2>&1 &
  FLOW=wecom-api; HEALTH=/actuator/health
fi
WP=$!
until curl -sf -o /dev/null "http://localhost:18590$HEALTH"; do kill -0 $WP 2>/dev/null || { tail "$OUT/server.log"; exit 1; }; sleep 0.2; done
D=("$J" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.LoginLoadDriver --gateway http://localhost:18590
  --sandbox http://127.0.0.1:18591 --redirect-uri http://localhost:8080/callback --flow "$FLOW" --token-lifetimes 0
  --concurrency 20 --warmup 0 --server-pid "$WP")
"${D[@]}" --logins "$WARM" >"$OUT/warm.txt" 2>&1 || true
"$JAVA_HOME/bin/jcmd" "$WP" JFR.start name=login settings=profile >/dev/null
"${D[@]}" --logins "$LOGINS" >"$OUT/run.txt" 2>&1 || true
"$JAVA_HOME/bin/jcmd" "$WP" JFR.dump name=login filename="$PWD/$OUT/rec.jfr" >/dev/null
"$JAVA_HOME/bin/jcmd" "$WP" JFR.stop name=login >/dev/null
sed -n 's/^RESULT //p' "$OUT/run.txt" | head -n 1 | grep -o '"logins_per_second":[0-9.]*\|"cpu_seconds_per_1000_logins":[0-9.]*' || true
"$J" -cp wegate-bench/target/wegate-bench.jar io.wegate.bench.profile.LoginProfile "$LABEL=$OUT/rec.jfr:$LOGINS"
