package io.wegate.server.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether Redis answered lately. While it does not, the Redis-backed stores fall back to this
 * instance's memory (logins keep working as long as the upstream answers) and health says
 * {@code DEGRADED}; when it answers again they use it again and the instances converge.
 */
@Component
public final class RedisAvailability {

    private static final Logger log = LoggerFactory.getLogger(RedisAvailability.class);
    private final Clock clock;
    private final AtomicReference<Instant> downSince = new AtomicReference<>();

    public RedisAvailability(Clock clock) {
        this.clock = clock;
    }

    public void succeeded() {
        Instant was = downSince.getAndSet(null);
        if (was != null) {
            log.warn("Redis is back (down since {}): shared state is used again", was);
        }
    }

    public void failed(RuntimeException e) {
        if (downSince.compareAndSet(null, clock.instant())) {
            log.warn(
                    "Redis is unavailable ({}): using this instance's memory until it returns",
                    e.getClass().getSimpleName());
        }
    }

    /** When Redis stopped answering, or null while it answers. */
    public Instant downSince() {
        return downSince.get();
    }

    /** Asks Redis again (a PING) if it was down, so that health does not wait for the next login. */
    public Instant recheck(org.springframework.data.redis.connection.RedisConnectionFactory redis) {
        if (downSince.get() != null) {
            try (var c = redis.getConnection()) {
                c.ping();
                succeeded();
            } catch (RuntimeException e) {
                // still down
            }
        }
        return downSince.get();
    }
}
