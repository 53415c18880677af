package io.wegate.bench;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of samples in nanoseconds. {@link #summarize} records them in an HdrHistogram (3 significant
 * digits: each percentile within 0.1 % of the nearest-rank sample); count, max and mean are exact.
 */
public final class Percentiles {

    /** Significant decimal digits the histograms keep. */
    static final int DIGITS = 3;

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
        // nextDown: 99.9 / 100 * 10000 is 9990.000000000002 in floating point, and its rank 9990, not 9991
        int rank = (int) Math.ceil(Math.nextDown(percent / 100.0 * sorted.length));
        return sorted[Math.clamp(rank, 1, sorted.length) - 1];
    }

    /** p50, p90, p99, p99.9 and max of {@code samples} (not modified), or {@link Summary#EMPTY} without samples. */
    public static Summary summarize(long[] samples) {
        if (samples.length == 0) {
            return Summary.EMPTY;
        }
        Histogram histogram = new Histogram(DIGITS);
        long max = 0;
        double sum = 0;
        for (long s : samples) {
            long value = Math.max(0, s);
            histogram.recordValue(value);
            max = Math.max(max, value);
            sum += value;
        }
        // a percentile is the highest value of its bucket, which can lie a little above the largest sample
        return new Summary(
                samples.length,
                Math.min(histogram.getValueAtPercentile(50), max),
                Math.min(histogram.getValueAtPercentile(90), max),
                Math.min(histogram.getValueAtPercentile(99), max),
                Math.min(histogram.getValueAtPercentile(99.9), max),
                max,
                sum / samples.length);
    }

    /** Latency figures in nanoseconds. */
    public record Summary(int count, long p50, long p90, long p99, long p999, long max, double mean) {

        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0, 0);
    }
}
