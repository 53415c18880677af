package io.wegate.server.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Rate-limit counters in this instance's memory; windows last minutes, so two minutes of memory suffice. */
public final class InMemoryRateLimitBuckets implements RateLimitBuckets {

    private final Cache<String, AtomicLong> counts = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2))
            .maximumSize(500_000)
            .build();

    @Override
    public long get(String key) {
        AtomicLong n = counts.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    @Override
    public long increment(String key, Duration ttl) {
        return counts.get(key, k -> new AtomicLong()).incrementAndGet();
    }
}
