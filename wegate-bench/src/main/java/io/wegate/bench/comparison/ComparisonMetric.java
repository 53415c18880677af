package io.wegate.bench.comparison;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A figure of a {@link ComparisonRow}: its column title, its format, and which way is better. */
enum ComparisonMetric {
    LOGINS_PER_SECOND("logins/s", "%.0f", true, true, ComparisonRow::loginsPerSecond),
    P50("p50 ms", "%.1f", false, true, r -> r.latency("p50")),
    P90("p90 ms", "%.1f", false, true, r -> r.latency("p90")),
    P99("p99 ms", "%.1f", false, true, r -> r.latency("p99")),
    P999("p99.9 ms", "%.1f", false, true, r -> r.latency("p999")),
    MAX("max ms", "%.1f", false, true, r -> r.latency("max")),
    FAILED("failed", "%.0f", false, false, r -> r.failed()),
    GETTOKEN("gettoken", "%.0f", false, false, r -> r.gettoken()),
    UPSTREAM_CALLS("upstream calls/login", "%.2f", false, false, ComparisonRow::upstreamCallsPerLogin),
    CPU("CPU s per 1,000 logins", "%.2f", false, true, ComparisonRow::cpuPerThousandLogins),
    START_CPU("CPU s of the start step", "%.2f", false, false, ComparisonRow::startCpuSeconds),
    PEAK_RSS("peak RSS MB", "%.0f", false, true, ComparisonRow::peakRssMb),
    START_TO_FIRST_LOGIN("start → first login ms", "%.0f", false, true, ComparisonRow::startToFirstLoginMillis),
    EXEC_TO_FIRST_SUCCESS(
            "exec → first login ms, driver's preparation included",
            "%.0f",
            false,
            true,
            ComparisonRow::execToFirstSuccessMillis),
    READY("start → health ms", "%.0f", false, true, ComparisonRow::readyMillis),
    ACHIEVED_RATE("achieved send rate /s", "%.1f", true, false, ComparisonRow::achievedRate),
    SEND_LAG_P99("driver send lag p99 ms", "%.1f", false, false, ComparisonRow::sendLagP99);

    private final String title;
    private final String format;
    private final boolean higherIsBetter;
    private final boolean spread;
    private final ToDoubleFunction<ComparisonRow> value;

    ComparisonMetric(
            String title,
            String format,
            boolean higherIsBetter,
            boolean spread,
            ToDoubleFunction<ComparisonRow> value) {
        this.title = title;
        this.format = format;
        this.higherIsBetter = higherIsBetter;
        this.spread = spread;
        this.value = value;
    }

    String title() {
        return title;
    }

    /** The figure of {@code row}; NaN when the run has none. */
    double of(ComparisonRow row) {
        return value.applyAsDouble(row);
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether its cells show the spread between repeats (not for counts). */
    boolean spread() {
        return spread;
    }

    /** Whether {@code a} is better than {@code b}; a NaN is never better. */
    boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }

    String format(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v);
    }
}
