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

/**
 * Turns the {@code RESULT} lines of {@code run-oidc-bench.sh} into the Markdown table of {@code docs/benchmarks.md}:
 * per scenario and contender, operations per second, p50 and p99 as "repeat 1 / repeat 2" with the spread, errors, and
 * the ratio of wegate to Spring Authorization Server on the same kind of store per repeat.
 */
public final class OidcBenchReport {

    /** One RESULT line. */
    record Row(
            int repeat, String contender, String scenario, double opsPerSecond, double p50, double p99, int errors) {}

    /** The pairs compared: wegate ÷ Spring Authorization Server with a comparable store. */
    static final List<String[]> PAIRS = List.of(
            new String[] {"wegate-h2", "sas-memory"},
            new String[] {"wegate-h2", "sas-memory-tuned"},
            new String[] {"wegate-h2", "sas-memory-tuned-accp"},
            new String[] {"wegate-h2", "sas-jdbc-h2"},
            new String[] {"wegate-postgresql", "sas-jdbc-postgresql"});

    private OidcBenchReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("Usage: OidcBenchReport <results file> [machine line]");
            System.exit(2);
        }
        List<Row> rows = parse(Files.readAllLines(Path.of(args[0])));
        System.out.print(markdown(rows, args.length > 1 ? args[1] : ""));
    }

    static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("RESULT ")) {
                continue;
            }
            Map<String, String> f = new LinkedHashMap<>();
            String rest = line.substring(7);
            int error = rest.indexOf(" first_error=");
            if (error >= 0) {
                rest = rest.substring(0, error);
            }
            for (String pair : rest.trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    f.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            rows.add(new Row(
                    Integer.parseInt(f.getOrDefault("repeat", "1")),
                    f.get("contender"),
                    f.get("scenario"),
                    Double.parseDouble(f.get("ops_per_s")),
                    Double.parseDouble(f.get("p50_ms")),
                    Double.parseDouble(f.get("p99_ms")),
                    Integer.parseInt(f.get("errors"))));
        }
        return rows;
    }

    /** Relative spread of two repeats: |a - b| / max(a, b), 0 when either is missing. */
    static double spread(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return max == 0 ? 0 : (max - min) / max;
    }

    static String markdown(List<Row> rows, String machine) {
        StringBuilder b = new StringBuilder();
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> contenders = new LinkedHashSet<>();
        rows.forEach(r -> {
            scenarios.add(r.scenario());
            contenders.add(r.contender());
        });
        b.append("Machine: ").append(machine).append("\n\n");
        b.append("| scenario | contender | ops/s | spread | p50 ms | p99 ms | errors |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (String s : scenarios) {
            for (String c : contenders) {
                List<Row> these = rows.stream()
                        .filter(r -> r.scenario().equals(s) && r.contender().equals(c))
                        .toList();
                if (these.isEmpty()) {
                    continue;
                }
                List<Double> ops = these.stream().map(Row::opsPerSecond).toList();
                b.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %.0f %% | %s | %s | %s |%n",
                        s,
                        c,
                        join(ops, "%.0f"),
                        spread(ops) * 100,
                        join(these.stream().map(Row::p50).toList(), "%.2f"),
                        join(these.stream().map(Row::p99).toList(), "%.2f"),
                        join(these.stream().map(r -> (double) r.errors()).toList(), "%.0f")));
            }
        }
        b.append("\n| scenario | ratio | per repeat |\n|---|---|---|\n");
        for (String s : scenarios) {
            for (String[] pair : PAIRS) {
                List<Double> ratios = ratios(rows, s, pair[0], pair[1]);
                if (!ratios.isEmpty()) {
                    b.append(String.format(
                            Locale.ROOT, "| %s | %s ÷ %s | %s |%n", s, pair[0], pair[1], join(ratios, "%.2f×")));
                }
            }
        }
        return b.toString();
    }

    /** ops/s of {@code a} ÷ ops/s of {@code b}, per repeat both ran in. */
    static List<Double> ratios(List<Row> rows, String scenario, String a, String b) {
        List<Double> out = new ArrayList<>();
        int maxRepeat = rows.stream().mapToInt(Row::repeat).max().orElse(0);
        for (int r = 1; r <= maxRepeat; r++) {
            Double x = ops(rows, r, scenario, a);
            Double y = ops(rows, r, scenario, b);
            if (x != null && y != null && y > 0) {
                out.add(x / y);
            }
        }
        return out;
    }

    private static Double ops(List<Row> rows, int repeat, String scenario, String contender) {
        return rows.stream()
                .filter(r -> r.repeat() == repeat
                        && r.scenario().equals(scenario)
                        && r.contender().equals(contender))
                .map(Row::opsPerSecond)
                .findFirst()
                .orElse(null);
    }

    private static String join(List<Double> values, String format) {
        return String.join(
                " / ",
                values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
    }
}
