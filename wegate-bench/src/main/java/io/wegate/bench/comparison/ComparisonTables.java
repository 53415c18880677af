package io.wegate.bench.comparison;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Markdown tables of a comparison: per scenario one row per contender (each cell repeat 1 / repeat 2 and the
 * spread), the ratios of wegate to the best contender of each repeat, and the failed runs with their first error.
 */
final class ComparisonTables {

    /** The columns of every scenario's table. */
    static final List<ComparisonMetric> BASE = List.of(
            ComparisonMetric.LOGINS_PER_SECOND,
            ComparisonMetric.P50,
            ComparisonMetric.P90,
            ComparisonMetric.P99,
            ComparisonMetric.P999,
            ComparisonMetric.MAX,
            ComparisonMetric.FAILED,
            ComparisonMetric.GETTOKEN,
            ComparisonMetric.UPSTREAM_CALLS,
            ComparisonMetric.CPU,
            ComparisonMetric.START_CPU,
            ComparisonMetric.PEAK_RSS);

    /** What wegate is compared with the best contender on. */
    static final List<ComparisonMetric> RATIOS = List.of(
            ComparisonMetric.LOGINS_PER_SECOND, ComparisonMetric.P50, ComparisonMetric.P99, ComparisonMetric.CPU);

    static final String DIRECT = "direct";

    private final List<ComparisonRow> rows;

    ComparisonTables(List<ComparisonRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The scenarios in the order first run. */
    List<String> scenarios() {
        Set<String> scenarios = new LinkedHashSet<>();
        rows.forEach(r -> scenarios.add(r.scenario()));
        return List.copyOf(scenarios);
    }

    /** The contenders of {@code scenario} in the order first run. */
    List<String> contenders(String scenario) {
        Set<String> contenders = new LinkedHashSet<>();
        rows.stream().filter(r -> r.scenario().equals(scenario)).forEach(r -> contenders.add(r.contender()));
        return List.copyOf(contenders);
    }

    List<Integer> repeats() {
        Set<Integer> repeats = new TreeSet<>();
        rows.forEach(r -> repeats.add(r.repeat()));
        return List.copyOf(repeats);
    }

    /**
     * Whether {@code scenario} is one whose target asks for 0 errors (cold start, the -1 burst, early invalidation,
     * the cluster): only contenders that lost no login there count as the best.
     */
    static boolean faultScenario(String scenario) {
        return scenario.equals("cold")
                || scenario.equals("burst-1")
                || scenario.equals("invalidation")
                || scenario.startsWith("cluster-");
    }

    /** The columns of {@code scenario}'s table. */
    static List<ComparisonMetric> columns(String scenario) {
        if (scenario.equals(DIRECT)) {
            return List.of(
                    ComparisonMetric.LOGINS_PER_SECOND,
                    ComparisonMetric.P50,
                    ComparisonMetric.P90,
                    ComparisonMetric.P99,
                    ComparisonMetric.P999,
                    ComparisonMetric.MAX,
                    ComparisonMetric.FAILED);
        }
        List<ComparisonMetric> columns = new ArrayList<>(BASE);
        if (scenario.endsWith("cold")) {
            columns.add(ComparisonMetric.START_TO_FIRST_LOGIN);
            columns.add(ComparisonMetric.READY);
            columns.add(ComparisonMetric.EXEC_TO_FIRST_SUCCESS);
        }
        if (scenario.endsWith("rate")) {
            columns.add(ComparisonMetric.ACHIEVED_RATE);
            columns.add(ComparisonMetric.SEND_LAG_P99);
        }
        return columns;
    }

    /** The run of {@code contender} in {@code scenario} and {@code repeat}, if there was one. */
    Optional<ComparisonRow> row(String scenario, String contender, int repeat) {
        return rows.stream()
                .filter(r -> r.scenario().equals(scenario) && r.contender().equals(contender) && r.repeat() == repeat)
                .findFirst();
    }

    /** One figure per repeat, NaN for a repeat without this run. */
    List<Double> values(String scenario, String contender, ComparisonMetric metric) {
        List<Double> values = new ArrayList<>();
        for (int repeat : repeats()) {
            values.add(row(scenario, contender, repeat).map(metric::of).orElse(Double.NaN));
        }
        return values;
    }

    /**
     * c1's overhead of a contender in one repeat: its login p50 minus the p50 of the two upstream calls made directly
     * by the driver in that repeat ({@code direct}); NaN without either.
     */
    double overhead(String contender, int repeat) {
        double p50 = row("c1", contender, repeat).map(ComparisonMetric.P50::of).orElse(Double.NaN);
        double floor = row(DIRECT, DIRECT, repeat).map(ComparisonMetric.P50::of).orElse(Double.NaN);
        return p50 - floor;
    }

    /**
     * The best contender other than wegate in {@code scenario} and {@code repeat} by {@code metric} (highest logins/s,
     * lowest latency or CPU); in a fault scenario only among those that lost no login. Empty when none qualifies.
     */
    Optional<ComparisonRow> best(String scenario, int repeat, ComparisonMetric metric) {
        ComparisonRow best = null;
        for (ComparisonRow r : rows) {
            if (!r.scenario().equals(scenario)
                    || r.repeat() != repeat
                    || r.wegate()
                    || r.contender().equals(DIRECT)) {
                continue;
            }
            if (faultScenario(scenario) && (r.failed() > 0 || r.succeeded() == 0)) {
                continue;
            }
            double v = metric.of(r);
            if (!Double.isNaN(v) && (best == null || metric.better(v, metric.of(best)))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code wegate}'s figure ÷ the best contender's, per repeat, as "0.72× (wxjava) / 0.59× (naive)". */
    String ratioCell(String scenario, String wegate, ComparisonMetric metric) {
        List<String> parts = new ArrayList<>();
        for (int repeat : repeats()) {
            Optional<ComparisonRow> mine = row(scenario, wegate, repeat);
            if (mine.isEmpty()) {
                continue;
            }
            Optional<ComparisonRow> best = best(scenario, repeat, metric);
            double v = metric.of(mine.get());
            if (best.isEmpty()) {
                parts.add(faultScenario(scenario) ? "— (none without errors)" : "—");
                continue;
            }
            double other = metric.of(best.get());
            parts.add(
                    Double.isNaN(v) || other == 0
                            ? "—"
                            : String.format(
                                    Locale.ROOT,
                                    "%.2f× (%s)",
                                    v / other,
                                    best.get().contender()));
        }
        return String.join(" / ", parts);
    }

    /** c1: {@code wegate}'s overhead minus the best contender's, ms per repeat. */
    String overheadCell(String wegate) {
        List<String> parts = new ArrayList<>();
        for (int repeat : repeats()) {
            double mine = overhead(wegate, repeat);
            String bestName = null;
            double best = Double.NaN;
            for (String c : contenders("c1")) {
                double o = overhead(c, repeat);
                if (!c.startsWith("wegate") && !Double.isNaN(o) && (Double.isNaN(best) || o < best)) {
                    best = o;
                    bestName = c;
                }
            }
            if (!Double.isNaN(mine)) {
                parts.add(bestName == null ? "—" : String.format(Locale.ROOT, "%+.2f ms (%s)", mine - best, bestName));
            }
        }
        return String.join(" / ", parts);
    }

    /** Values per repeat joined by " / ", with the spread when the metric has one and there are several. */
    static String cell(List<Double> values, ComparisonMetric metric) {
        List<String> parts = values.stream().map(metric::format).toList();
        String joined = String.join(" / ", parts);
        if (metric.spread() && values.size() > 1) {
            String spread = spread(values);
            if (!spread.equals("—")) {
                joined += " (" + spread + ")";
            }
        }
        return joined;
    }

    /** (max − min) ÷ max of the values that are numbers, as a percentage; "—" for fewer than two. */
    static String spread(List<Double> values) {
        List<Double> numbers = values.stream().filter(v -> !Double.isNaN(v)).toList();
        if (numbers.size() < 2) {
            return "—";
        }
        double max = numbers.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double min = numbers.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        return max <= 0 ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * (max - min) / max);
    }

    /** The Markdown of one scenario: the table, the ratios, the failures. */
    String scenario(String scenario) {
        List<ComparisonMetric> columns = columns(scenario);
        boolean c1 = scenario.equals("c1");
        StringBuilder b = new StringBuilder();
        b.append("| contender |");
        columns.forEach(m -> b.append(' ').append(m.title()).append(" |"));
        if (c1) {
            b.append(" overhead ms (p50 − direct p50) |");
        }
        b.append('\n').append("|---|");
        columns.forEach(m -> b.append("---|"));
        if (c1) {
            b.append("---|");
        }
        b.append('\n');
        for (String c : contenders(scenario)) {
            b.append("| ").append(c).append(" |");
            for (ComparisonMetric m : columns) {
                b.append(' ').append(cell(values(scenario, c, m), m)).append(" |");
            }
            if (c1) {
                List<Double> overheads = new ArrayList<>();
                repeats().forEach(r -> overheads.add(overhead(c, r)));
                b.append(' ').append(cell(overheads, ComparisonMetric.P50)).append(" |");
            }
            b.append('\n');
        }
        List<String> wegates = contenders(scenario).stream()
                .filter(c -> c.startsWith("wegate"))
                .toList();
        boolean others = contenders(scenario).stream().anyMatch(c -> !c.startsWith("wegate") && !c.equals(DIRECT));
        if (!wegates.isEmpty() && others) {
            b.append("\n| wegate ÷ best contender |");
            RATIOS.forEach(m -> b.append(' ').append(m.title()).append(" |"));
            if (c1) {
                b.append(" overhead − best's |");
            }
            b.append("\n|---|");
            RATIOS.forEach(m -> b.append("---|"));
            if (c1) {
                b.append("---|");
            }
            b.append('\n');
            for (String w : wegates) {
                b.append("| ").append(w).append(" |");
                for (ComparisonMetric m : RATIOS) {
                    b.append(' ').append(ratioCell(scenario, w, m)).append(" |");
                }
                if (c1) {
                    b.append(' ').append(overheadCell(w)).append(" |");
                }
                b.append('\n');
            }
        }
        List<String> saturated = rows.stream()
                .filter(r -> r.scenario().equals(scenario) && r.saturated())
                .map(r -> r.contender() + " (repeat " + r.repeat() + ")")
                .toList();
        if (!saturated.isEmpty()) {
            b.append("\n- The driver fell behind its own schedule (send lag p99 above 5 ms or below 95 % of the rate)"
                            + " in: ")
                    .append(String.join(", ", saturated))
                    .append("; those latencies include the driver's delay.\n");
        }
        List<String> failures = new ArrayList<>();
        for (ComparisonRow r : rows) {
            if (r.scenario().equals(scenario) && r.failed() > 0) {
                failures.add("- " + r.contender() + ", repeat " + r.repeat() + ": " + r.failed() + " of "
                        + (r.failed() + r.succeeded()) + " failed; first: `"
                        + String.valueOf(r.firstFailure()).replace('`', '\'') + "`");
            }
        }
        if (!failures.isEmpty()) {
            b.append('\n').append(String.join("\n", failures)).append('\n');
        }
        return b.toString();
    }
}
