package io.wegate.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of latency samples, in nanoseconds. */
public final class Percentiles {

    private Percentiles() {}

    /**
     * The nearest-rank percentile: the smallest sample such that at least {@code percent}% of the samples are less
     * than or equal to it. Of the samples 1..100, p50 is 50, p99 is 99 and p100 is 100.
     *
     * @param sorted samples in ascending order, at least one
     * @param percent in (0, 100]
     */
    public static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank, 1, sorted.length) - 1];
    }

    /** p50, p90, p99 and max of {@code samples} (not modified), or {@link Summary#EMPTY} without samples. */
    public static Summary summarize(long[] samples) {
        if (samples.length == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (long s : sorted) {
            sum += s;
        }
        return new Summary(
                sorted.length,
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted[sorted.length - 1],
                (double) sum / sorted.length);
    }

    /** Latency figures in nanoseconds. */
    public record Summary(int count, long p50, long p90, long p99, long max, double mean) {

        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);
    }
}
