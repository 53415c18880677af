package io.wegate.server.backchannel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a failed delivery is sent again: 10 s, 30 s, 2 min, 10 min, 1 h, 2 h, 4 h, 8 h, 8 h after the
 * failures, then it is given up — after ten attempts, or once the next one would come more than a
 * day after the login ended (a relying party away that long has long expired its session or been
 * told by other means).
 */
final class BackChannelRetries {

    static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofHours(8));
    static final int MAX_ATTEMPTS = DELAYS.size() + 1;
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    /** How long a claimed delivery is held: longer than any attempt can take. */
    static final Duration LEASE = Duration.ofMinutes(1);

    private BackChannelRetries() {}

    /** When to try again after {@code attempts} failed ones, or null to give up. */
    static Instant next(int attempts, Instant createdAt, Instant now) {
        if (attempts >= MAX_ATTEMPTS) {
            return null;
        }
        Instant next = now.plus(DELAYS.get(Math.max(0, attempts - 1)));
        return next.isAfter(createdAt.plus(GIVE_UP_AFTER)) ? null : next;
    }
}
