package io.wegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wegate-server/run.sh}, the README's run command, against a fake JDK: a {@code bin/java} script that answers
 * the version query with the Java version the test picks, plays the jar extraction and the class-cache training, and
 * records every command line it is given. What is checked is the command line the script builds.
 */
class RunScriptTest {

    private static final Path SCRIPT = Path.of("run.sh").toAbsolutePath();

    @TempDir
    Path dir;

    private Path jdk;
    private Path jar;

    @BeforeEach
    void fakeJdk() throws IOException {
        jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                home=$(cd "$(dirname "$0")/.." && pwd)
                printf '%s\\n' "$*" >>"$home/calls.log"
                for a in "$@"; do
                  if [ "$a" = -XshowSettings:properties ]; then
                    echo "    java.specification.version = $(cat "$home/spec")"
                    echo "    java.home = $home"
                    exit 0
                  fi
                done
                prev=""
                for a in "$@"; do
                  case "$a" in
                    -XX:AOTCacheOutput=* | -XX:ArchiveClassesAtExit=*)
                      [ ! -f "$home/fail-training" ] || exit 3
                      echo cache >"${a#*=}" ;;
                  esac
                  if [ "$prev" = --destination ]; then mkdir -p "$a" && echo app >"$a/wegate-server.jar"; fi
                  prev=$a
                done
                exit 0
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = dir.resolve("dist/wegate-server.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        spec("25");
    }

    private void spec(String version) throws IOException {
        Files.writeString(jdk.resolve("spec"), version + "\n");
    }

    private record Run(int exit, String output, List<String> calls) {
        /** The command line of the last java call: the server's own start. */
        String start() {
            return calls.getLast();
        }
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Files.deleteIfExists(jdk.resolve("calls.log"));
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("JAVA") || k.startsWith("WEGATE_") || k.startsWith("JDK_"));
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().put("WEGATE_JAR", jar.toString());
        pb.environment().put("TMPDIR", dir.toString());
        pb.environment().putAll(env);
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path log = jdk.resolve("calls.log");
        List<String> calls = Files.exists(log)
                ? Files.readAllLines(log).stream()
                        .filter(l -> !l.contains("-XshowSettings"))
                        .toList()
                : List.of();
        return new Run(p.exitValue(), out, calls);
    }

    @Test
    void whenJavaIsOlderThan21ThenTheScriptRefusesAndSaysWhichJdkToSet() throws Exception {
        spec("17");
        Run r = run(Map.of());
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("wegate needs Java 21 or newer").contains("JAVA_HOME");
        assertThat(r.calls()).isEmpty();
    }

    @Test
    void whenTheClassCacheSettingIsUnknownThenTheScriptRefusesBeforeStartingAnything() throws Exception {
        Run r = run(Map.of("WEGATE_CLASS_CACHE", "yes"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.output())
                .contains("WEGATE_CLASS_CACHE=yes")
                .contains("auto")
                .contains("off");
        assertThat(r.calls()).isEmpty();
    }

    @Test
    void whenTheClassCacheIsOffThenTheJarRunsWithTheMemorySettingsAndTheArgumentsAsGiven() throws Exception {
        Run r = run(Map.of("WEGATE_CLASS_CACHE", "off"), "--server.port=9999", "--wegate.data-dir=/srv/w");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.calls()).hasSize(1);
        assertThat(r.start())
                .isEqualTo("-XX:+UseSerialGC -Xms32m -XX:MetaspaceSize=96m -XX:+UseCompactObjectHeaders -jar " + jar
                        + " --server.port=9999 --wegate.data-dir=/srv/w");
    }

    @Test
    void whenTheUserPicksACollectorAndAHeapThenTheirsWinOverTheScriptsDefaults() throws Exception {
        Run r = run(Map.of("WEGATE_CLASS_CACHE", "off", "JAVA_OPTS", "-XX:+UseG1GC -Xms256m"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.start()).doesNotContain("UseSerialGC").contains("-Xms32m -XX:MetaspaceSize=96m");
        // the user's options come after the defaults, so the JVM takes the user's -Xms
        assertThat(r.start().indexOf("-Xms256m")).isGreaterThan(r.start().indexOf("-Xms32m"));
        assertThat(r.start()).contains("-XX:+UseG1GC");
    }

    @Test
    void whenJdk25StartsTheFirstTimeThenItTrainsTheAotCacheOnceAndEveryLaterStartUsesIt() throws Exception {
        Run first = run(Map.of(), "--server.port=9999");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("training the JVM's class cache once");
        assertThat(first.calls()).hasSize(3); // extract, train, start
        assertThat(first.calls().get(0)).contains("-Djarmode=tools").contains("extract");
        assertThat(first.calls().get(1))
                .contains("-XX:AOTCacheOutput=")
                .contains("-Dspring.context.exit=onRefresh")
                .contains("--server.port=0")
                .doesNotContain("9999");
        assertThat(first.start()).contains("-XX:AOTCache=").contains("/run/app/wegate-server.jar --server.port=9999");

        Run second = run(Map.of(), "--server.port=9999");
        assertThat(second.exit()).isZero();
        assertThat(second.output()).doesNotContain("training");
        assertThat(second.calls()).hasSize(1);
        assertThat(second.start()).isEqualTo(first.start());
    }

    @Test
    void whenJdk21StartsThenTheCacheIsADynamicCdsArchive() throws Exception {
        spec("21");
        Run first = run(Map.of());
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.calls().get(1)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(first.start()).contains("-XX:SharedArchiveFile=").doesNotContain("UseCompactObjectHeaders");
    }

    @Test
    void whenOtherJvmOptionsAreGivenThenTheCacheIsTrainedAgainForThem() throws Exception {
        run(Map.of());
        Run other = run(Map.of("JAVA_OPTS", "-Xmx512m"));
        assertThat(other.output()).contains("training");
        assertThat(other.calls().getFirst()).contains("-XX:AOTCacheOutput=").contains("-Xmx512m");
    }

    @Test
    void whenTrainingFailsThenTheServerStartsWithoutTheCacheAndLaterStartsDoNotRetry() throws Exception {
        Files.writeString(jdk.resolve("fail-training"), "");
        Run first = run(Map.of());
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("the training run failed");
        assertThat(first.start()).doesNotContain("AOTCache").contains("/run/app/wegate-server.jar");

        Run second = run(Map.of());
        assertThat(second.output()).doesNotContain("training");
        assertThat(second.calls()).hasSize(1);
        assertThat(second.start()).doesNotContain("AOTCache");
    }
}
