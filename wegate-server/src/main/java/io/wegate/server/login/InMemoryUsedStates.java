package io.wegate.server.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;

/**
 * Used one-time values in this JVM (redeemed login states, client assertions' {@code jti}), each
 * for its own {@code ttl} and a minute more. An entry exists only for a value that carried a valid
 * authenticator, so the size bound is reached only by redeeming that many real ones; a state
 * forgotten early can be replayed only with a code the upstream already spent.
 */
public final class InMemoryUsedStates implements UsedStates {

    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final Cache<String, Duration> used;

    public InMemoryUsedStates(long maxSize) {
        this.used = Caffeine.newBuilder()
                .expireAfter(new Expiry<String, Duration>() {
                    @Override
                    public long expireAfterCreate(String key, Duration ttl, long now) {
                        return (ttl.isNegative() ? MARGIN : ttl.plus(MARGIN)).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Duration ttl, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(String key, Duration ttl, long now, long remaining) {
                        return remaining;
                    }
                })
                .maximumSize(maxSize)
                .build();
    }

    @Override
    public boolean firstUse(String id, Duration ttl) {
        return used.asMap().putIfAbsent(id, ttl) == null;
    }
}
