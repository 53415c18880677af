package io.wegate.server.cluster;

import io.wegate.server.login.InMemoryRateLimitBuckets;
import io.wegate.server.login.RateLimitBuckets;
import java.time.Duration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Rate-limit counters in Redis ({@code INCR} and {@code EXPIRE}), so that a limit holds across the
 * cluster; counted in this instance's memory while Redis is away.
 */
public final class RedisRateLimitBuckets implements RateLimitBuckets {

    private static final org.springframework.data.redis.core.script.RedisScript<Long> INCREMENT =
            org.springframework.data.redis.core.script.RedisScript.of(
                    "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end"
                            + " return n",
                    Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final RedisAvailability availability;
    private final InMemoryRateLimitBuckets local = new InMemoryRateLimitBuckets();

    public RedisRateLimitBuckets(StringRedisTemplate redis, String prefix, RedisAvailability availability) {
        this.redis = redis;
        this.prefix = prefix;
        this.availability = availability;
    }

    @Override
    public long get(String key) {
        try {
            String v = redis.opsForValue().get(prefix + key);
            availability.succeeded();
            return v == null ? 0 : Long.parseLong(v);
        } catch (DataAccessException e) {
            availability.failed(e);
            return local.get(key);
        }
    }

    @Override
    public long increment(String key, Duration ttl) {
        try {
            // INCR and its expiry in one step: a key must never outlive its window
            Long n = redis.execute(INCREMENT, java.util.List.of(prefix + key), Long.toString(ttl.toMillis()));
            availability.succeeded();
            return n == null ? 0 : n;
        } catch (DataAccessException e) {
            availability.failed(e);
            return local.increment(key, ttl);
        }
    }
}
