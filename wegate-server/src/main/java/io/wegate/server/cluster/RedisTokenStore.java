package io.wegate.server.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wegate.client.token.AccessToken;
import io.wegate.client.token.InMemoryTokenStore;
import io.wegate.client.token.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Upstream access tokens shared by every instance through Redis: one {@code GET} reads token and
 * expiry ({@code <obtained ms>|<expires ms>|<token>}), invalidation compares and deletes atomically
 * (a Lua script: only the token that failed is dropped), and a {@code SET NX PX} lease lets one
 * instance refresh while the others wait for its token. A one-second near-cache spares Redis a
 * round trip per login; if Redis fails, this instance's memory stands in until it returns.
 */
public final class RedisTokenStore implements TokenStore {

    private static final RedisScript<Long> COMPARE_AND_DELETE = RedisScript.of("""
            local v = redis.call('GET', KEYS[1])
            if v then
              local t = string.match(v, '^[^|]*|[^|]*|(.*)$')
              if t == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            end
            return 0
            """, Long.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Clock clock;
    private final RedisAvailability availability;
    private final String instance = UUID.randomUUID().toString();
    private final InMemoryTokenStore local = new InMemoryTokenStore();
    private final Cache<String, AccessToken> near;
    // Tokens this instance saw rejected. A read that raced with the invalidation (near cache or a
    // Redis GET answered just before the DEL) must not bring a rejected token back: upstreams
    // never reissue a token value, so a rejected value is dead for good.
    private final Cache<String, Boolean> rejected;

    public RedisTokenStore(
            StringRedisTemplate redis, String prefix, Clock clock, RedisAvailability availability, Duration nearCache) {
        this.redis = redis;
        this.prefix = prefix;
        this.clock = clock;
        this.availability = availability;
        this.near = Caffeine.newBuilder()
                .expireAfterWrite(nearCache)
                .maximumSize(10_000)
                .build();
        this.rejected = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(10))
                .maximumSize(10_000)
                .build();
    }

    private String tokenKey(String key) {
        return prefix + "token:" + key;
    }

    private String leaseKey(String key) {
        return prefix + "lease:" + key;
    }

    @Override
    public Optional<AccessToken> get(String key) {
        AccessToken cached = near.getIfPresent(key);
        if (cached != null && !isRejected(cached)) {
            return Optional.of(cached);
        }
        try {
            String v = redis.opsForValue().get(tokenKey(key));
            availability.succeeded();
            AccessToken token = decode(v);
            if (token == null || isRejected(token)) {
                return Optional.empty();
            }
            near.put(key, token);
            // kept locally too, so that a Redis outage finds this instance with a token
            local.put(key, token);
            return Optional.of(token);
        } catch (DataAccessException e) {
            availability.failed(e);
            return local.get(key);
        }
    }

    @Override
    public void put(String key, AccessToken token) {
        local.put(key, token);
        near.put(key, token);
        long ttl = token.expiresAt().toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            return;
        }
        try {
            redis.opsForValue().set(tokenKey(key), encode(token), Duration.ofMillis(ttl));
            availability.succeeded();
        } catch (DataAccessException e) {
            availability.failed(e);
        }
    }

    @Override
    public boolean invalidate(String key, String failedValue) {
        rejected.put(failedValue, Boolean.TRUE);
        near.invalidate(key);
        boolean removed = local.invalidate(key, failedValue);
        try {
            Long n = redis.execute(COMPARE_AND_DELETE, List.of(tokenKey(key)), failedValue);
            availability.succeeded();
            return n != null && n > 0;
        } catch (DataAccessException e) {
            availability.failed(e);
            return removed;
        }
    }

    @Override
    public boolean tryAcquireRefresh(String key, Duration lease) {
        try {
            Boolean won = redis.opsForValue().setIfAbsent(leaseKey(key), instance, lease);
            availability.succeeded();
            return Boolean.TRUE.equals(won);
        } catch (DataAccessException e) {
            // no Redis: nothing to coordinate with; this instance's single-flight still holds
            availability.failed(e);
            return true;
        }
    }

    @Override
    public void releaseRefresh(String key) {
        try {
            redis.execute(RELEASE, List.of(leaseKey(key)), instance);
        } catch (DataAccessException e) {
            availability.failed(e);
        }
    }

    private boolean isRejected(AccessToken t) {
        return rejected.getIfPresent(t.value()) != null;
    }

    static String encode(AccessToken t) {
        return t.obtainedAt().toEpochMilli() + "|" + t.expiresAt().toEpochMilli() + "|" + t.value();
    }

    static AccessToken decode(String v) {
        if (v == null) {
            return null;
        }
        int a = v.indexOf('|');
        int b = v.indexOf('|', a + 1);
        if (a < 0 || b < 0) {
            return null;
        }
        return new AccessToken(
                v.substring(b + 1),
                Instant.ofEpochMilli(Long.parseLong(v.substring(0, a))),
                Instant.ofEpochMilli(Long.parseLong(v.substring(a + 1, b))));
    }
}
