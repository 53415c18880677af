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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Upstream access tokens shared by every instance through Redis: one {@code GET} reads token and
 * expiry ({@code <obtained ms>|<expires ms>|<token>}), invalidation compares and deletes atomically
 * (a Lua script: only the token that failed is dropped), and a {@code SET NX PX} lease lets one
 * instance refresh while the others wait for its token. A one-second near-cache spares Redis a
 * round trip per login; if Redis fails, this instance's memory stands in until it returns.
 *
 * <p>Every write this instance makes for a key ({@link #put}, {@link #invalidate}) moves the key's
 * version on. A read copies what Redis answered into the near-cache and memory only if the version
 * is still the one it saw before asking: a slow read that began before a drop or a newer token
 * cannot bring the older token back over them.
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
    // per key: moved on by every put and invalidate here, so that a read that began earlier loses
    private final ConcurrentMap<String, AtomicLong> versions = new ConcurrentHashMap<>();

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

    private AtomicLong version(String key) {
        return versions.computeIfAbsent(key, k -> new AtomicLong());
    }

    @Override
    public Optional<AccessToken> get(String key) {
        AccessToken cached = near.getIfPresent(key);
        if (cached != null && !isRejected(cached)) {
            return Optional.of(cached);
        }
        long seen = version(key).get();
        try {
            String v = redis.opsForValue().get(tokenKey(key));
            availability.succeeded();
            AccessToken token = decode(v);
            if (token == null || isRejected(token)) {
                return Optional.empty();
            }
            return Optional.of(fill(key, token, seen));
        } catch (DataAccessException e) {
            availability.failed(e);
            return local.get(key).filter(t -> !isRejected(t));
        }
    }

    /**
     * Keeps what Redis answered in the near-cache, and locally (so that a Redis outage finds this
     * instance with a token), unless this instance wrote the key since the read began; then the
     * newer entry wins and is answered instead.
     */
    private AccessToken fill(String key, AccessToken read, long seen) {
        AccessToken[] answer = {read};
        // compute: atomic with put's and invalidate's writes of the same key
        near.asMap().compute(key, (k, current) -> {
            if (version(k).get() == seen) {
                local.put(k, read);
                return read;
            }
            if (current != null && !isRejected(current)) {
                answer[0] = current;
            }
            return current;
        });
        return answer[0];
    }

    @Override
    public void put(String key, AccessToken token) {
        near.asMap().compute(key, (k, current) -> {
            version(k).incrementAndGet();
            local.put(k, token);
            return token;
        });
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
        boolean[] removedLocally = {false};
        near.asMap().compute(key, (k, current) -> {
            version(k).incrementAndGet();
            removedLocally[0] = local.invalidate(k, failedValue);
            // a newer token survives here as it does in Redis
            return current != null && !current.value().equals(failedValue) ? current : null;
        });
        boolean removed = removedLocally[0];
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
