package io.wegate.server.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Redeemed states in this JVM, for as long as a state lives. An entry exists only for a state that
 * carried a valid authenticator, so the size bound is reached only by redeeming that many real
 * states; a state forgotten early can be replayed only with a code the upstream already spent.
 */
public final class InMemoryUsedStates implements UsedStates {

    private final Cache<String, Boolean> used;

    public InMemoryUsedStates(Duration maxTtl, long maxSize) {
        this.used = Caffeine.newBuilder()
                .expireAfterWrite(maxTtl.plusMinutes(1))
                .maximumSize(maxSize)
                .build();
    }

    @Override
    public boolean firstUse(String id, Duration ttl) {
        return used.asMap().putIfAbsent(id, Boolean.TRUE) == null;
    }
}
