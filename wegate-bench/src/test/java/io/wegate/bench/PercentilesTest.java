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
}
