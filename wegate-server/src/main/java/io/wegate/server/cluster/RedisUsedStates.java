package io.wegate.server.cluster;

import io.wegate.server.login.InMemoryUsedStates;
import io.wegate.server.login.UsedStates;
import java.time.Duration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Used one-time values (redeemed login states, client assertions' {@code jti}) shared by the
 * cluster ({@code SET <prefix>state-used:<id> NX PX}), so a value used on one instance is refused
 * on every other. Only used values are written: starting logins writes nothing to Redis. While
 * Redis is away, this instance remembers its own.
 */
final class RedisUsedStates implements UsedStates {

    private final StringRedisTemplate redis;
    private final String prefix;
    private final RedisAvailability availability;
    private final InMemoryUsedStates local;

    RedisUsedStates(
            StringRedisTemplate redis, String prefix, RedisAvailability availability, InMemoryUsedStates local) {
        this.redis = redis;
        this.prefix = prefix + "state-used:";
        this.availability = availability;
        this.local = local;
    }

    @Override
    public boolean firstUse(String id, Duration ttl) {
        boolean mine = local.firstUse(id, ttl);
        try {
            Boolean first = redis.opsForValue().setIfAbsent(prefix + id, "1", ttl);
            availability.succeeded();
            return mine && Boolean.TRUE.equals(first);
        } catch (DataAccessException e) {
            availability.failed(e);
            return mine;
        }
    }
}
