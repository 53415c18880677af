package io.wegate.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code RESULT} lines of {@code run-comparison.sh} into {@code comparison.md} and its SVG plots, and with
 * {@code --docs} into the generated part of {@code docs/benchmarks.md}.
 *
 * <pre>java -cp wegate-bench.jar io.wegate.bench.comparison.ComparisonReport --results FILE --out DIR
 *     [--server-jar JAR] [--apps-jar JAR] [--cores N] [--commit TEXT] [--command TEXT]
 *     [--docs docs/benchmarks.md --docs-images docs/img]</pre>
 */
public final class ComparisonReport {

    static final String USAGE = "Usage: ComparisonReport --results FILE --out DIR [--server-jar JAR] [--apps-jar JAR]"
            + " [--cores N] [--commit TEXT] [--command TEXT] [--docs FILE --docs-images DIR]";

    private ComparisonReport() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        List<ComparisonRow> rows = ComparisonRow.parse(Files.readAllLines(Path.of(options.get("--results"))));
        ComparisonEnvironment environment = ComparisonEnvironment.detect(
                Integer.parseInt(options.getOrDefault("--cores", "0")),
                path(options.get("--server-jar")),
                path(options.get("--apps-jar")),
                options.getOrDefault("--commit", "?"),
                options.getOrDefault("--command", "wegate-bench/run-comparison.sh"));
        Instant now = Instant.now();
        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        List<String> svgs = new ComparisonPlots(new ComparisonTables(rows)).all();
        for (int i = 0; i < svgs.size(); i++) {
            Files.writeString(out.resolve(ComparisonPlots.names().get(i)), svgs.get(i));
        }
        Files.writeString(out.resolve("comparison.md"), markdown(rows, environment, now, ""));
        System.out.println(
                "wrote " + out.resolve("comparison.md") + " and " + String.join(", ", ComparisonPlots.names()));
        if (options.containsKey("--docs")) {
            Path doc = Path.of(options.get("--docs"));
            Path images = Path.of(options.getOrDefault(
                    "--docs-images", doc.resolveSibling("img").toString()));
            Files.createDirectories(images);
            for (int i = 0; i < svgs.size(); i++) {
                Files.writeString(images.resolve(ComparisonPlots.names().get(i)), svgs.get(i));
            }
            String prefix = doc.toAbsolutePath()
                            .getParent()
                            .relativize(images.toAbsolutePath())
                            .toString()
                            .replace('\\', '/')
                    + "/";
            Files.writeString(doc, DocSplice.replace(Files.readString(doc), markdown(rows, environment, now, prefix)));
            System.out.println("replaced the generated part of " + doc + "; plots in " + images);
        }
    }

    /** {@code --name value} pairs; {@code --results} and {@code --out} required. */
    static Map<String, String> options(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> known = List.of(
                "--results",
                "--out",
                "--server-jar",
                "--apps-jar",
                "--cores",
                "--commit",
                "--command",
                "--docs",
                "--docs-images");
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("Unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i], args[++i]);
        }
        for (String required : List.of("--results", "--out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        if (options.containsKey("--cores") && !options.get("--cores").matches("\\d+")) {
            throw new IllegalArgumentException("--cores must be a whole number");
        }
        return options;
    }

    /**
     * The whole report: where and how it ran, what the figures mean, the plots (file names after {@code imagePrefix}),
     * and per scenario its tables.
     */
    static String markdown(
            List<ComparisonRow> rows, ComparisonEnvironment environment, Instant now, String imagePrefix) {
        ComparisonTables tables = new ComparisonTables(rows);
        StringBuilder b = new StringBuilder();
        b.append("_Generated by `wegate-bench/run-comparison.sh` (`WRITE_DOCS=1`); edits between the markers are"
                + " overwritten._\n\n");
        b.append(environment.markdown(rows, now));
        b.append("""
                - **Cells:** repeat 1 / repeat 2, then the spread, (max − min) ÷ max. **Ratios:** wegate's figure ÷ \
                the best other contender's in the same repeat, named in brackets: highest logins/s, lowest \
                latency and CPU; in `cold`, `burst-1`, `invalidation` and the cluster only among those that lost \
                no login.
                - **Latency** is the login step's (`POST /api/v1/login/wecom` for wegate, `POST /login` for the \
                others), in ms. Closed loop (`steady`, `latency20`, `c1`, `burst-1`, cluster `steady`): each \
                request's own time. Open loop (`rate`) and bursts (`cold`, `invalidation`): from when the login \
                was due or released, so waiting in a queue counts (no coordinated omission); HdrHistogram.
                - **CPU** is user + system time of the contender's process(es) (`/proc/PID/stat`) over the login \
                phases only, per 1,000 successful logins; wegate's start step (`GET \
                /api/v1/login/wecom/authorize-url`, which the others do not have) is measured apart. **Peak RSS** \
                is `VmHWM` so far in the process's life (the largest instance's in the cluster).
                - **gettoken** counts `/cgi-bin/gettoken` calls during the run; in `cold` since the process's \
                exec (the physical minimum is 1, for the whole cluster too). **start → first login** is exec → \
                health 200 plus release → first successful login of the cold burst, leaving out the driver's own \
                preparation between the two (its JVM, minting the burst's codes, wegate's start steps); the wall \
                time from exec to the first successful login, preparation included, is in the last column.
                """);
        if (!ComparisonPlots.scenarios(tables).isEmpty()) {
            b.append('\n');
            List<String> alts = List.of("Logins per second", "Latency p50 and p99", "CPU seconds per 1,000 logins");
            for (int i = 0; i < alts.size(); i++) {
                b.append("![")
                        .append(alts.get(i))
                        .append(" per contender and scenario](")
                        .append(imagePrefix)
                        .append(ComparisonPlots.names().get(i))
                        .append(")\n");
            }
        }
        for (String scenario : tables.scenarios()) {
            b.append("\n#### ").append(scenario).append("\n\n");
            String about = describe(scenario, rows);
            if (!about.isEmpty()) {
                b.append(about).append("\n\n");
            }
            b.append(tables.scenario(scenario));
        }
        return b.toString();
    }

    /** One sentence on what {@code scenario} does, with the parameters of its first run. */
    static String describe(String scenario, List<ComparisonRow> rows) {
        ComparisonRow first = rows.stream()
                .filter(r -> r.scenario().equals(scenario))
                .findFirst()
                .orElse(null);
        if (first == null) {
            return "";
        }
        int logins = first.json().path("logins_requested").asInt();
        int concurrency = first.json().path("concurrency").asInt();
        String base = scenario.startsWith("cluster-") ? scenario.substring("cluster-".length()) : scenario;
        String cluster = scenario.startsWith("cluster-")
                ? " Three instances per contender (wegate on Redis and PostgreSQL, `wxjava` on WxJava's Redis config"
                        + " storage, `redislock` sharing one key prefix, `naive` three independent processes), the"
                        + " driver round robin across them."
                : "";
        String text = switch (base) {
            case "direct" ->
                String.format(
                        Locale.ROOT,
                        "The floor: the driver itself calls `auth/getuserinfo` and `user/get` on the sandbox"
                                + " with a token it fetched once, %d times at concurrency 1, once per repeat"
                                + " with no contender running.",
                        logins);
            case "cold" ->
                String.format(
                        Locale.ROOT,
                        "Right after the health check, before any warm-up: %d logins released at once; the"
                                + " process has no app token yet.",
                        logins);
            case "steady" ->
                String.format(
                        Locale.ROOT,
                        "Closed loop, %d logins at concurrency %d after the warm-up, sandbox latency 0.",
                        logins,
                        concurrency);
            case "latency20" ->
                String.format(
                        Locale.ROOT,
                        "As `steady`, with 20 ms added by the sandbox to `auth/getuserinfo` and to `user/get`:"
                                + " %d logins at concurrency %d.",
                        logins,
                        concurrency);
            case "rate" ->
                String.format(
                        Locale.ROOT,
                        "Open loop: %d logins due at %.0f per second; the driver's send lag and rate tell"
                                + " whether it kept up itself.",
                        logins,
                        first.requestedRate());
            case "c1" ->
                String.format(
                        Locale.ROOT,
                        "Concurrency 1, %d logins: the overhead over the two upstream calls (`direct`).",
                        logins);
            case "burst-1" ->
                String.format(
                        Locale.ROOT,
                        "The sandbox answers errcode -1 to the next %.0f `auth/getuserinfo` calls (it counts"
                                + " calls, retries included) while %d logins run at concurrency %d.",
                        first.field("fault_calls"),
                        logins,
                        concurrency);
            case "invalidation" ->
                String.format(
                        Locale.ROOT,
                        "%d logins released at once; after %d have completed, the sandbox invalidates every"
                                + " access token early. Last on each process: `naive` and `redislock` do not"
                                + " recover.",
                        logins,
                        first.json().path("invalidate_after").asInt());
            default -> "";
        };
        return text + cluster;
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }
}
