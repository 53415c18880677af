package io.wegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the {@code RESULT} lines of {@code run-comparison.sh} into the Markdown tables of {@code docs/benchmarks.md}:
 * per contender, each cell "repeat 1 / repeat 2" with the spread, and the ratios of wegate to each other contender
 * per repeat.
 */
public final class ComparisonReport {

    /** One contender's run: what the script measured around the driver, and the driver's RESULT. */
    record Row(
            int repeat,
            String scenario,
            String contender,
            long readyMillis,
            double cpuSeconds,
            long peakRssKb,
            double loginsPerSecond,
            double p50,
            double p99,
            int succeeded,
            int failed,
            double upstreamCallsPerLogin,
            long gettokenCalls,
            String firstFailure) {

        /** CPU seconds the contender spent per 1,000 successful measured logins. */
        double cpuPerThousand() {
            return succeeded == 0 ? Double.NaN : cpuSeconds / succeeded * 1000;
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^RESULT repeat=(\\d+)(?: scenario=(\\S+))? contender=(\\S+) ready_ms=(\\d+) cpu_seconds=([\\d.]+) peak_rss_kb=(\\d*) json=(.*)$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ComparisonReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("Usage: ComparisonReport <results file> [machine line]");
            System.exit(2);
        }
        System.out.print(markdown(parse(Files.readAllLines(Path.of(args[0]))), args.length > 1 ? args[1] : ""));
    }

    static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            JsonNode r = JSON.readTree(m.group(7));
            JsonNode failures = r.path("failures");
            String first = null;
            for (Map.Entry<String, JsonNode> e : failures.properties()) {
                first = e.getKey();
                break;
            }
            rows.add(new Row(
                    Integer.parseInt(m.group(1)),
                    m.group(2) == null ? "steady" : m.group(2),
                    m.group(3),
                    Long.parseLong(m.group(4)),
                    Double.parseDouble(m.group(5)),
                    m.group(6).isEmpty() ? 0 : Long.parseLong(m.group(6)),
                    r.path("logins_per_second").asDouble(),
                    r.path("latency_ms").path("p50").asDouble(),
                    r.path("latency_ms").path("p99").asDouble(),
                    r.path("logins_succeeded").asInt(),
                    r.path("logins_failed").asInt(),
                    r.path("upstream_calls_per_login").path("total").asDouble(),
                    r.path("upstream_calls").path(LoginFlows.WECOM_TOKEN_PATH).asLong(),
                    first));
        }
        return rows;
    }

    static String markdown(List<Row> rows, String machine) {
        StringBuilder b = new StringBuilder();
        if (!machine.isBlank()) {
            b.append("Machine: ").append(machine).append("\n");
        }
        Set<String> scenarios = new LinkedHashSet<>();
        rows.forEach(r -> scenarios.add(r.scenario()));
        for (String scenario : scenarios) {
            b.append("\n#### ").append(scenario).append("\n\n");
            b.append(scenario(
                    rows.stream().filter(r -> r.scenario().equals(scenario)).toList()));
        }
        return b.toString();
    }

    private static String scenario(List<Row> rows) {
        Set<String> contenders = new LinkedHashSet<>();
        rows.forEach(r -> contenders.add(r.contender()));
        StringBuilder b = new StringBuilder();
        b.append("| contender | logins/s | spread | p50 ms | p99 ms | failed | upstream calls/login | gettoken"
                + " | CPU s per 1,000 logins | peak RSS MB | start → ready ms |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String c : contenders) {
            List<Row> mine = rows.stream().filter(r -> r.contender().equals(c)).toList();
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    c,
                    join(mine, Row::loginsPerSecond, "%.0f"),
                    spread(mine.stream().map(Row::loginsPerSecond).toList()),
                    join(mine, Row::p50, "%.2f"),
                    join(mine, Row::p99, "%.2f"),
                    join(mine, r -> r.failed(), "%.0f"),
                    join(mine, Row::upstreamCallsPerLogin, "%.2f"),
                    join(mine, r -> r.gettokenCalls(), "%.0f"),
                    join(mine, Row::cpuPerThousand, "%.2f"),
                    join(mine, r -> r.peakRssKb() / 1024.0, "%.0f"),
                    join(mine, r -> r.readyMillis(), "%.0f")));
        }
        List<String> failures = rows.stream()
                .filter(r -> r.firstFailure() != null)
                .map(r -> "- " + r.contender() + ", repeat " + r.repeat() + ": " + r.failed() + " failed, first kind "
                        + r.firstFailure())
                .toList();
        if (!failures.isEmpty()) {
            b.append("\n").append(String.join("\n", failures)).append("\n");
        }
        for (String wegate : contenders) {
            if (!wegate.startsWith("wegate")) {
                continue;
            }
            StringBuilder ratios = new StringBuilder();
            for (String other : contenders) {
                if (other.startsWith("wegate")) {
                    continue;
                }
                List<Double> speed = ratios(rows, wegate, other, Row::loginsPerSecond);
                List<Double> cpu = ratios(rows, wegate, other, Row::cpuPerThousand);
                if (!speed.isEmpty()) {
                    ratios.append(String.format(
                            Locale.ROOT,
                            "| %s ÷ %s | %s | %s |%n",
                            wegate,
                            other,
                            joinValues(speed, "%.2f×"),
                            joinValues(cpu, "%.2f×")));
                }
            }
            if (!ratios.isEmpty()) {
                b.append("\n| ratio | logins/s per repeat | CPU per login per repeat |\n|---|---|---|\n")
                        .append(ratios);
            }
        }
        return b.toString();
    }

    /** {@code a}'s value ÷ {@code b}'s, per repeat both ran in. */
    static List<Double> ratios(List<Row> rows, String a, String b, java.util.function.ToDoubleFunction<Row> value) {
        Map<Integer, Double> as = new LinkedHashMap<>();
        Map<Integer, Double> bs = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.contender().equals(a)) {
                as.put(r.repeat(), value.applyAsDouble(r));
            } else if (r.contender().equals(b)) {
                bs.put(r.repeat(), value.applyAsDouble(r));
            }
        }
        List<Double> out = new ArrayList<>();
        as.forEach((repeat, v) -> {
            Double other = bs.get(repeat);
            if (other != null && other > 0 && !Double.isNaN(v)) {
                out.add(v / other);
            }
        });
        return out;
    }

    /** (max − min) ÷ max, as a percentage; "—" for fewer than two values. */
    static String spread(List<Double> values) {
        if (values.size() < 2) {
            return "—";
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return max == 0 ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * (max - min) / max);
    }

    private static String join(List<Row> rows, java.util.function.ToDoubleFunction<Row> value, String format) {
        return joinValues(rows.stream().map(value::applyAsDouble).toList(), format);
    }

    private static String joinValues(List<Double> values, String format) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v));
        }
        return String.join(" / ", parts);
    }
}
