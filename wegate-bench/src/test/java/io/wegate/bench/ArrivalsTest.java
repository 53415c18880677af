package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The open loop's schedule, send lag and achieved rate, and a burst's lag; numbers only, no clock. */
class ArrivalsTest {

    private static final long MS = 1_000_000;

    @Test
    void offsetWhenRateThenLoginIDueAtIOverR() {
        assertThat(Arrivals.offsetNanos(0, 150)).isZero();
        assertThat(Arrivals.offsetNanos(1, 150)).isEqualTo(6_666_667);
        assertThat(Arrivals.offsetNanos(150, 150)).isEqualTo(1_000_000_000);
        assertThat(Arrivals.offsetNanos(1499, 150)).isEqualTo(9_993_333_333L);
        assertThat(Arrivals.offsetNanos(3, 0.5)).isEqualTo(6_000_000_000L);
    }

    @Test
    void achievedRateWhenEverySendOnTimeThenExactlyTheRate() {
        // 1500 logins at 150/s: the last is due 1499/150 s after t0
        assertThat(Arrivals.achievedRate(1500, Arrivals.offsetNanos(1499, 150), 150))
                .isCloseTo(150, within(1e-6));
        assertThat(Arrivals.achievedRate(1, 0, 150)).isCloseTo(150, within(1e-9));
        assertThat(Arrivals.achievedRate(0, 0, 150)).isZero();
    }

    @Test
    void achievedRateWhenTheLastSendIsOneSecondLateThenLower() {
        // 1500 sends whose last left 1 s late: 1500 / (9.993 + 1 + 1/150) = 136.4/s
        assertThat(Arrivals.achievedRate(1500, Arrivals.offsetNanos(1499, 150) + 1_000_000_000L, 150))
                .isCloseTo(136.36, within(0.01));
    }

    @Test
    void openLoopWhenSendsOnTimeWithSmallLagThenNotSaturated() {
        long t0 = 1_000 * MS;
        int n = 100;
        long[] intended = new long[n];
        long[] actual = new long[n];
        for (int i = 0; i < n; i++) {
            intended[i] = t0 + Arrivals.offsetNanos(i, 100);
            actual[i] = intended[i] + (i % 10 == 0 ? 2 * MS : 100_000);
        }
        Arrivals arrivals = Arrivals.openLoop(100, t0, intended, actual);
        assertThat(arrivals.mode()).isEqualTo("rate");
        assertThat(arrivals.sent()).isEqualTo(100);
        // percentiles come from a histogram of 3 significant digits
        assertThat(arrivals.sendLag().p50()).isCloseTo(100_000L, within(100L));
        assertThat(arrivals.sendLag().max()).isEqualTo(2 * MS);
        assertThat(arrivals.achievedRate()).isCloseTo(100, within(0.1));
        assertThat(arrivals.saturated()).isFalse();
    }

    @Test
    void openLoopWhenLagP99AboveFiveMillisecondsThenSaturatedThoughTheRateHolds() {
        long t0 = 0;
        int n = 100;
        long[] intended = new long[n];
        long[] actual = new long[n];
        for (int i = 0; i < n; i++) {
            intended[i] = t0 + Arrivals.offsetNanos(i, 100);
            // two sends in a hundred are 6 ms late: p99 is 6 ms
            actual[i] = intended[i] + (i == 40 || i == 41 ? 6 * MS : 0);
        }
        Arrivals arrivals = Arrivals.openLoop(100, t0, intended, actual);
        assertThat(arrivals.sendLag().p99()).isGreaterThan(Arrivals.SATURATION_LAG_NANOS);
        assertThat(arrivals.achievedRate()).isGreaterThan(95);
        assertThat(arrivals.saturated()).isTrue();
    }

    @Test
    void openLoopWhenTheRateFallsBelowNinetyFivePercentThenSaturated() {
        // 100 sends due over 0.99 s, but each one 1 ms later than the one before (the driver falls behind):
        // the lag grows to 99 ms and the last send leaves at 1.089 s, 100 / 1.099 s = 91/s
        int n = 100;
        long[] intended = new long[n];
        long[] actual = new long[n];
        for (int i = 0; i < n; i++) {
            intended[i] = Arrivals.offsetNanos(i, 100);
            actual[i] = intended[i] + i * MS;
        }
        Arrivals arrivals = Arrivals.openLoop(100, 0, intended, actual);
        assertThat(arrivals.achievedRate()).isCloseTo(91.0, within(0.1));
        assertThat(arrivals.saturated()).isTrue();
    }

    @Test
    void burstWhenThreadsWakeAfterTheReleaseThenLagFromTheRelease() {
        long release = 5_000 * MS;
        long[] actual = {release + MS, release + 3 * MS, release + 2 * MS, release};
        Arrivals arrivals = Arrivals.burst(release, actual);
        assertThat(arrivals.mode()).isEqualTo("burst");
        assertThat(arrivals.sent()).isEqualTo(4);
        assertThat(arrivals.sendLag().max()).isEqualTo(3 * MS);
        assertThat(arrivals.sendLag().p50()).isCloseTo(MS, within(MS / 1000));
        assertThat(arrivals.achievedRate()).isNaN();
        assertThat(arrivals.saturated()).isFalse();
    }

    @Test
    void openLoopWhenOneIntendedTimeMissingThenRefuses() {
        assertThatThrownBy(() -> Arrivals.openLoop(10, 0, new long[] {0}, new long[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openLoopWhenSentEarlyThenTheLagIsZeroNotNegative() {
        Arrivals arrivals = Arrivals.openLoop(10, 0, new long[] {10 * MS}, new long[] {9 * MS});
        assertThat(arrivals.sendLag().max()).isZero();
    }
}
