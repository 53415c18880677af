package io.wegate.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Where and with what a comparison ran: the machine (cores as {@code nproc} counts them, CPU model, memory), the JDK,
 * the versions of wegate, Spring Boot and WxJava (read from the jars that ran), the commit, the command, the date and
 * the load average at the start of each driver run.
 */
record ComparisonEnvironment(
        int cores,
        String cpuModel,
        String memory,
        String jdk,
        String wegateVersion,
        String springBootVersion,
        String wxJavaVersion,
        String commit,
        String command) {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * What this machine and these jars say.
     *
     * @param cores {@code nproc}, or 0 for the JVM's count
     */
    static ComparisonEnvironment detect(int cores, Path serverJar, Path appsJar, String commit, String command) {
        Jar server = Jar.read(serverJar);
        Jar apps = Jar.read(appsJar);
        String boot = server.springBootVersion();
        if (!apps.springBootVersion().equals(boot) && !apps.springBootVersion().equals("?")) {
            boot = boot + " (wegate), " + apps.springBootVersion() + " (the contenders)";
        }
        return new ComparisonEnvironment(
                cores > 0 ? cores : Runtime.getRuntime().availableProcessors(),
                cpuModel(read(Path.of("/proc/cpuinfo"))),
                memory(read(Path.of("/proc/meminfo"))),
                System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.runtime.version", "?"),
                server.wegateVersion(),
                boot,
                libraryVersion(apps.entries(), "weixin-java-cp"),
                commit,
                command);
    }

    /** The Markdown lines about the run; the date is the first driver run's exec time, or {@code now}. */
    String markdown(List<ComparisonRow> rows, Instant now) {
        double low = rows.stream()
                .mapToDouble(ComparisonRow::load1)
                .filter(v -> !Double.isNaN(v))
                .min()
                .orElse(Double.NaN);
        double high = rows.stream()
                .mapToDouble(ComparisonRow::load1)
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(Double.NaN);
        long first = (long) rows.stream()
                .mapToDouble(r -> r.field("exec_epoch_ms"))
                .filter(v -> !Double.isNaN(v))
                .min()
                .orElse(now.toEpochMilli());
        StringBuilder b = new StringBuilder();
        b.append("Run on ")
                .append(DATE.format(Instant.ofEpochMilli(first)))
                .append(" with `")
                .append(command)
                .append("` at commit `")
                .append(commit)
                .append("`.\n\n");
        b.append("- **Machine:** ")
                .append(cores)
                .append(" cores (`nproc`), ")
                .append(cpuModel)
                .append(", ")
                .append(memory)
                .append(" RAM; the contender, the sandbox, the driver, PostgreSQL and Redis all share them.\n");
        b.append("- **Load average** (1 minute, at the start of each driver run): ")
                .append(Double.isNaN(low) ? "not recorded" : String.format(Locale.ROOT, "%.2f to %.2f", low, high))
                .append(".\n");
        b.append("- **JDK:** ").append(jdk).append(".\n");
        b.append("- **Versions:** wegate ")
                .append(wegateVersion)
                .append(", Spring Boot ")
                .append(springBootVersion)
                .append(", WxJava (`weixin-java-cp`) ")
                .append(wxJavaVersion)
                .append(".\n");
        return b.toString();
    }

    /** {@code model name} of the first processor in {@code /proc/cpuinfo}'s text. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "CPU model unknown";
    }

    /** {@code MemTotal} of {@code /proc/meminfo}'s text, in GB. */
    static String memory(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(Locale.ROOT, "%.0f GB", kb / 1024.0 / 1024.0);
            }
        }
        return "? GB";
    }

    /** The version in a nested jar's name, {@code BOOT-INF/lib/<artifact>-<version>.jar}; "?" without it. */
    static String libraryVersion(List<String> entries, String artifact) {
        Pattern name = Pattern.compile("^BOOT-INF/lib/" + Pattern.quote(artifact) + "-(\\d[^/]*)\\.jar$");
        for (String entry : entries) {
            Matcher m = name.matcher(entry);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return "?";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** What a jar says about itself: its entries, its {@code Spring-Boot-Version}, wegate's Maven version; "?" unread. */
    private record Jar(List<String> entries, String springBootVersion, String wegateVersion) {

        static final String WEGATE_POM = "META-INF/maven/io.wegate/wegate-server/pom.properties";

        static Jar read(Path path) {
            if (path == null || !Files.isRegularFile(path)) {
                return new Jar(List.of(), "?", "?");
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                List<String> entries = new ArrayList<>();
                Collections.list(jar.entries()).forEach(e -> entries.add(e.getName()));
                Manifest manifest = jar.getManifest();
                String boot =
                        manifest == null ? null : manifest.getMainAttributes().getValue("Spring-Boot-Version");
                String wegate = "?";
                ZipEntry props = jar.getEntry(WEGATE_POM);
                if (props != null) {
                    Properties pom = new Properties();
                    try (var in = jar.getInputStream(props)) {
                        pom.load(in);
                    }
                    wegate = pom.getProperty("version", "?");
                }
                return new Jar(entries, boot == null ? "?" : boot, wegate);
            } catch (IOException e) {
                return new Jar(List.of(), "?", "?");
            }
        }
    }
}
