package io.wegate.bench.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonEnvironmentTest {

    private static Path jar(Path dir, String name, String bootVersion, List<String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Spring-Boot-Version", bootVersion);
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                if (entry.endsWith("pom.properties")) {
                    out.write("artifactId=wegate-server\nversion=0.2.0\n".getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void detectWhenBootJarsThenVersionsOfWegateSpringBootAndWxJava(@TempDir Path dir) throws IOException {
        Path server = jar(
                dir,
                "wegate-server.jar",
                "4.1.1",
                List.of("META-INF/maven/io.wegate/wegate-server/pom.properties", "BOOT-INF/lib/spring-boot-4.1.1.jar"));
        Path apps = jar(
                dir,
                "wegate-bench-apps.jar",
                "4.1.1",
                List.of("BOOT-INF/lib/weixin-java-common-4.7.3.B.jar", "BOOT-INF/lib/weixin-java-cp-4.7.3.B.jar"));
        ComparisonEnvironment environment = ComparisonEnvironment.detect(2, server, apps, "abc", "cmd");
        assertThat(environment.cores()).isEqualTo(2);
        assertThat(environment.wegateVersion()).isEqualTo("0.2.0");
        assertThat(environment.springBootVersion()).isEqualTo("4.1.1");
        assertThat(environment.wxJavaVersion()).isEqualTo("4.7.3.B");
        assertThat(environment.jdk()).isNotBlank();
    }

    @Test
    void detectWhenJarsAreMissingThenQuestionMarks(@TempDir Path dir) {
        ComparisonEnvironment environment =
                ComparisonEnvironment.detect(0, dir.resolve("none.jar"), null, "abc", "cmd");
        assertThat(environment.wegateVersion()).isEqualTo("?");
        assertThat(environment.wxJavaVersion()).isEqualTo("?");
        assertThat(environment.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void libraryVersionWhenSimilarNamesThenOnlyTheExactArtifact() {
        List<String> entries = List.of(
                "BOOT-INF/lib/weixin-java-cp-extra-1.0.jar",
                "BOOT-INF/lib/weixin-java-common-4.7.3.B.jar",
                "BOOT-INF/lib/weixin-java-cp-4.7.3.B.jar");
        assertThat(ComparisonEnvironment.libraryVersion(entries, "weixin-java-cp"))
                .isEqualTo("4.7.3.B");
        assertThat(ComparisonEnvironment.libraryVersion(entries, "spring-boot")).isEqualTo("?");
    }

    @Test
    void cpuModelAndMemoryWhenProcTextsThenTheirValues() {
        assertThat(ComparisonEnvironment.cpuModel(
                        "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC" + " 7B13\n"))
                .isEqualTo("AMD EPYC 7B13");
        assertThat(ComparisonEnvironment.memory("MemTotal:       24634412 kB\nMemFree:  1 kB\n"))
                .isEqualTo("23 GB");
        assertThat(ComparisonEnvironment.cpuModel("")).isEqualTo("CPU model unknown");
    }
}
