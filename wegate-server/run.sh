#!/usr/bin/env bash
# Runs the wegate server built by `./mvnw -pl wegate-server -am package`, as `java -jar` would, with two things added:
#
#  - memory settings for a small service (see "Start-up and memory" in README.md): the serial collector, a heap that
#    starts at 32 MB and grows as the live data needs (the JVM's own maximum: a quarter of the memory), the first
#    class-metadata collection at 96 MB rather than ~20 MB (none during the start), compact object headers on JDK 25+;
#    JAVA_OPTS comes after them (a -Xmx or -Xms of yours wins; a -XX:+Use...GC of yours replaces the collector);
#  - the JVM's class cache, built once by a training run and reused by every later start: the AOT cache on JDK 25 and
#    newer (-XX:AOTCacheOutput / -XX:AOTCache, JEP 483/514/515), a dynamic CDS archive on JDK 21 to 24
#    (-XX:ArchiveClassesAtExit / -XX:SharedArchiveFile). Both need the application unpacked, so the jar is extracted
#    first (java -Djarmode=tools ... extract, Spring Boot's own layout).
#
# The training run starts wegate on its embedded defaults in a scratch directory (fresh H2 database, sandbox upstream,
# no port bound, none of your environment's WEGATE_*/SPRING_* settings) and stops once the application context is
# up (-Dspring.context.exit=onRefresh); the first start takes that much longer (20-40 s on 2 cores), later starts
# find the cache. A new jar, another JDK or other JAVA_OPTS train again. Where a step fails the server starts without
# the cache, and says so once; the next start does not try again until one of those changes.
#
#   wegate-server/run.sh [wegate arguments ...]      e.g. --server.port=8080 --wegate.data-dir=/var/lib/wegate
#
# Environment: JAVA_HOME (else the java on PATH; 21 or newer), JAVA_OPTS, WEGATE_JAR (default: target/wegate-server.jar
# next to this script), WEGATE_RUN_DIR (the extracted application and its cache; default: target/run next to the jar),
# WEGATE_CLASS_CACHE (auto: as above; off: never train nor use a cache).
set -euo pipefail

say() { echo "wegate-server/run.sh: $*" >&2; }
die() {
  say "$*"
  exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
jar=${WEGATE_JAR:-$here/target/wegate-server.jar}
[ -f "$jar" ] || die "no $jar: build it first (./mvnw -q -DskipTests -pl wegate-server -am package)"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
run_dir=${WEGATE_RUN_DIR:-$(dirname "$jar")/run}
class_cache=${WEGATE_CLASS_CACHE:-auto}
case "$class_cache" in
  auto | off) ;;
  *) die "WEGATE_CLASS_CACHE=$class_cache: use auto (the default) or off" ;;
esac

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java=$JAVA_HOME/bin/java
else
  java=$(command -v java) || die "no java: install a JDK 21 or newer, or set JAVA_HOME"
fi
settings=$("$java" -XshowSettings:properties -version 2>&1 || true)
spec=$(echo "$settings" | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
feature=${spec%%.*}
case "$feature" in
  '' | *[!0-9]*) die "cannot tell the Java version of $java" ;;
esac
[ "$feature" -ge 21 ] || die "wegate needs Java 21 or newer; $java is Java $spec (set JAVA_HOME to a JDK 21+)"

# --- JVM options: the defaults, then JAVA_OPTS (split on spaces, as launchers do) -------------------------------------
read -r -a user_opts <<<"${JAVA_OPTS:-}"
collector=-XX:+UseSerialGC
for o in ${user_opts[@]+"${user_opts[@]}"}; do
  # a collector of the user's replaces ours (the JVM refuses two)
  if [[ $o =~ ^-XX:\+Use[A-Za-z0-9]*GC$ ]]; then collector=""; fi
done
opts=(${collector:+"$collector"} -Xms32m -XX:MetaspaceSize=96m)
[ "$feature" -lt 25 ] || opts+=(-XX:+UseCompactObjectHeaders)
opts+=(${user_opts[@]+"${user_opts[@]}"})

# --- the unpacked application -----------------------------------------------------------------------------------------
app=$run_dir/app
app_jar=$app/$(basename "$jar")
if [ "$class_cache" != off ]; then
  if [ ! -f "$app/.extracted" ] || [ "$jar" -nt "$app/.extracted" ] || [ "$(cat "$app/.extracted")" != "$jar" ]; then
    mkdir -p "$run_dir"
    tmp_app=$(mktemp -d "$run_dir/app.XXXXXX")
    if "$java" -Djarmode=tools -jar "$jar" extract --destination "$tmp_app/x" >"$tmp_app/extract.log" 2>&1; then
      rm -rf "$app"
      mv "$tmp_app/x" "$app"
      echo "$jar" >"$app/.extracted"
      rm -rf "$tmp_app"
    else
      say "could not extract $jar (see $tmp_app/extract.log); starting without the class cache"
      class_cache=off
    fi
  fi
fi

# --- the class cache ----------------------------------------------------------------------------------------------------
cache_flags=()
if [ "$class_cache" != off ]; then
  if [ "$feature" -ge 25 ]; then kind=aot; else kind=jsa; fi
  # what the cache depends on besides the extracted jars (whose extraction replaces it): the JVM and its options
  key=$( (
    echo "$java $app_jar"
    echo "$settings" | grep -E '^ *(java\.home|java\.vm\.version|java\.runtime\.version|java\.vendor|os\.arch) = '
    printf '%s\n' "${opts[@]}" "${JAVA_TOOL_OPTIONS:-}" "${JDK_JAVA_OPTIONS:-}"
  ) | cksum | cut -d' ' -f1)
  cache=$app/wegate-$key.$kind
  failed=$app/wegate-$key.failed
  if [ ! -f "$cache" ] && [ ! -f "$failed" ]; then
    say "training the JVM's class cache once for this jar, JDK and options (about 20-40 s; later starts reuse it) ..."
    rm -f "$app"/wegate-*.aot "$app"/wegate-*.jsa "$app"/wegate-*.failed
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/wegate-training.XXXXXX")
    if [ "$kind" = aot ]; then train_flag=-XX:AOTCacheOutput=$scratch/cache; else train_flag=-XX:ArchiveClassesAtExit=$scratch/cache; fi
    # a clean environment and a scratch working directory: no operator's database, Redis or upstream is touched,
    # and no ./config/application.yml of the caller's is read
    if (cd "$scratch" && env -i PATH="$PATH" HOME="${HOME:-$scratch}" TMPDIR="$scratch" LANG="${LANG:-C}" \
      ${JAVA_TOOL_OPTIONS+JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS"} ${JDK_JAVA_OPTIONS+JDK_JAVA_OPTIONS="$JDK_JAVA_OPTIONS"} \
      "$java" "${opts[@]}" "$train_flag" -Dspring.context.exit=onRefresh -jar "$app_jar" \
      --wegate.data-dir="$scratch/data" --server.port=0 --wegate.sandbox.port=0 --logging.level.root=WARN) \
      >"$app/training.log" 2>&1 && [ -s "$scratch/cache" ]; then
      mv "$scratch/cache" "$cache"
    else
      touch "$failed"
      say "the training run failed (see $app/training.log); starting without the class cache"
    fi
    rm -rf "$scratch"
  fi
  if [ -f "$cache" ]; then
    if [ "$kind" = aot ]; then cache_flags=(-XX:AOTCache="$cache"); else cache_flags=(-XX:SharedArchiveFile="$cache"); fi
  fi
fi

if [ "$class_cache" != off ]; then
  exec "$java" "${opts[@]}" ${cache_flags[@]+"${cache_flags[@]}"} -jar "$app_jar" "$@"
fi
exec "$java" "${opts[@]}" -jar "$jar" "$@"
