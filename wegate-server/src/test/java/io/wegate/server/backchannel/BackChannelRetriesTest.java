package io.wegate.server.backchannel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry schedule: backoff from 10 s to 8 h, given up after ten attempts or a day. */
class BackChannelRetriesTest {

    private static final Instant ENDED = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void whenEveryAttemptFailsAtOnceThenTheyComeAtTheScheduleAndTheTenthIsTheLast() {
        List<Duration> waits = new ArrayList<>();
        Instant now = ENDED;
        int attempts = 1;
        for (Instant next; (next = BackChannelRetries.next(attempts, ENDED, now)) != null; attempts++) {
            waits.add(Duration.between(now, next));
            now = next;
        }

        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(10),
                        Duration.ofHours(1),
                        Duration.ofHours(2),
                        Duration.ofHours(4),
                        Duration.ofHours(8),
                        Duration.ofHours(8));
        assertThat(attempts).isEqualTo(10);
        assertThat(now).isBefore(ENDED.plus(Duration.ofDays(1)));
    }

    @Test
    void whenTheNextAttemptWouldComeMoreThanADayAfterTheLoginEndedThenItIsGivenUp() {
        assertThat(BackChannelRetries.next(
                        2, ENDED, ENDED.plus(Duration.ofHours(23)).plusSeconds(29)))
                .isEqualTo(ENDED.plus(Duration.ofHours(23)).plusSeconds(59));
        assertThat(BackChannelRetries.next(
                        2, ENDED, ENDED.plus(Duration.ofHours(23)).plusSeconds(60 * 59 + 31)))
                .isNull();
    }
}
