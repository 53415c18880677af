package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

    @Test
    void percentileWhenHundredSamplesThenNinetyNinthIsSecondLargest() {
        assertThat(Percentiles.percentile(ONE_TO_HUNDRED, 99)).isEqualTo(99);
    }

    @Test
    void percentileWhenHundredSamplesThenMedianIsFiftieth() {
        assertThat(Percentiles.percentile(ONE_TO_HUNDRED, 50)).isEqualTo(50);
        assertThat(Percentiles.percentile(ONE_TO_HUNDRED, 90)).isEqualTo(90);
        assertThat(Percentiles.percentile(ONE_TO_HUNDRED, 100)).isEqualTo(100);
    }

    @Test
    void percentileWhenOneSampleThenEveryPercentileIsThatSample() {
        assertThat(Percentiles.percentile(new long[] {7}, 50)).isEqualTo(7);
        assertThat(Percentiles.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void percentileWhenTenSamplesThenNinetyNinthIsTheLargest() {
        long[] samples = LongStream.rangeClosed(1, 10).toArray();
        assertThat(Percentiles.percentile(samples, 99)).isEqualTo(10);
        assertThat(Percentiles.percentile(samples, 90)).isEqualTo(9);
    }

    @Test
    void percentileWhenThePercentTimesTheCountIsAWholeNumberThenNoFloatingPointRoundingUp() {
        long[] samples = LongStream.rangeClosed(1, 10_000).toArray();
        assertThat(Percentiles.percentile(samples, 99.9)).isEqualTo(9990);
        assertThat(Percentiles.percentile(samples, 0.01)).isEqualTo(1);
    }

    @Test
    void percentileWhenNoSamplesThenRefuses() {
        assertThatThrownBy(() -> Percentiles.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summarizeWhenUnsortedThenSortsACopy() {
        long[] samples = {5, 1, 4, 2, 3};
        Percentiles.Summary summary = Percentiles.summarize(samples);
        assertThat(summary.p50()).isEqualTo(3);
        assertThat(summary.max()).isEqualTo(5);
        assertThat(summary.mean()).isEqualTo(3.0);
        assertThat(samples).containsExactly(5, 1, 4, 2, 3);
    }

    @Test
    void summarizeWhenHundredSamplesThenTheHistogramGivesTheNearestRankPercentiles() {
        Percentiles.Summary summary = Percentiles.summarize(ONE_TO_HUNDRED);
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50);
        assertThat(summary.p90()).isEqualTo(90);
        assertThat(summary.p99()).isEqualTo(99);
        assertThat(summary.p999()).isEqualTo(100);
        assertThat(summary.max()).isEqualTo(100);
    }

    @Test
    void summarizeWhenNanosecondLatenciesThenEachPercentileWithinATenthOfAPercentAndNeverAboveTheMax() {
        // 10,000 latencies from 1 ms to 10 s, spread over four decades
        long[] samples = new long[10_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (long) (1_000_000 * Math.pow(10, 4.0 * i / (samples.length - 1)));
        }
        long[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        Percentiles.Summary summary = Percentiles.summarize(samples);
        for (double[] p :
                new double[][] {{50, summary.p50()}, {90, summary.p90()}, {99, summary.p99()}, {99.9, summary.p999()}
                }) {
            long exact = Percentiles.percentile(sorted, p[0]);
            assertThat(p[1]).as("p" + p[0]).isBetween((double) exact, exact * 1.001);
        }
        assertThat(summary.max()).isEqualTo(10_000_000_000L);
        assertThat(summary.p999()).isLessThanOrEqualTo(summary.max());
    }

    @Test
    void summarizeWhenNoSamplesThenEmpty() {
        assertThat(Percentiles.summarize(new long[0])).isEqualTo(Percentiles.Summary.EMPTY);
    }
}
