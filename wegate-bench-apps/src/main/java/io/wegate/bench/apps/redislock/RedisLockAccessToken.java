package io.wegate.bench.apps.redislock;

import io.wegate.bench.apps.wecomlogin.AccessTokenSource;
import io.wegate.bench.apps.wecomlogin.WeComApi;
import io.wegate.bench.apps.wecomlogin.WeComUpstreamException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The token in Redis, as the seed documents keep it: {@code GET <prefix>access_token}; on a miss, {@code SET
 * <prefix>access_token:lock <random> NX PX <lock-ttl>}; the holder reads again (another instance may have stored a
 * token since), calls gettoken, stores the token with {@code SET ... PX (expires_in - margin)} and releases the lock
 * only if it still holds it; a caller that did not get the lock sleeps {@code lock-wait} (500 ms) and reads again.
 * Like the documents, nothing is done on 40014/42001: a token WeCom invalidated early fails every login until its
 * Redis key expires.
 */
final class RedisLockAccessToken implements AccessTokenSource {

    // compare-and-delete, the unlock of the Redis documentation: never delete a lock that expired and was taken again
    private static final RedisScript<Long> UNLOCK = new DefaultRedisScript<>(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);

    private final StringRedisTemplate redis;
    private final WeComApi wecom;
    private final RedisLockProperties properties;
    private final String tokenKey;
    private final String lockKey;
    private final long maxWaits;
    private final AtomicLong lockWaits = new AtomicLong();

    RedisLockAccessToken(StringRedisTemplate redis, WeComApi wecom, RedisLockProperties properties) {
        this.redis = redis;
        this.wecom = wecom;
        this.properties = properties;
        this.tokenKey = properties.keyPrefix() + "access_token";
        this.lockKey = tokenKey + ":lock";
        // a holder that died leaves the lock to expire after lock-ttl: wait that long twice, then give up
        long wait = Math.max(1, properties.lockWait().toMillis());
        this.maxWaits = 2 * Math.max(1, properties.lockTtl().toMillis() / wait);
    }

    @Override
    public String accessToken() {
        for (long waited = 0; ; waited++) {
            String token = redis.opsForValue().get(tokenKey);
            if (token != null) {
                return token;
            }
            String owner = UUID.randomUUID().toString();
            if (Boolean.TRUE.equals(redis.opsForValue()
                    .setIfAbsent(lockKey, owner, properties.lockTtl().toMillis(), TimeUnit.MILLISECONDS))) {
                try {
                    return refresh();
                } finally {
                    redis.execute(UNLOCK, List.of(lockKey), owner);
                }
            }
            if (waited == maxWaits) {
                throw new WeComUpstreamException(-1, "gettoken, by the instance holding " + lockKey);
            }
            lockWaits.incrementAndGet();
            sleep(properties.lockWait());
        }
    }

    private String refresh() {
        // re-read under the lock: the previous holder may have stored a token after this caller's read
        String stored = redis.opsForValue().get(tokenKey);
        if (stored != null) {
            return stored;
        }
        WeComApi.Gettoken fresh = wecom.gettoken();
        Duration ttl = Duration.ofSeconds(fresh.expiresIn()).minus(properties.tokenMargin());
        if (ttl.isPositive()) {
            redis.opsForValue().set(tokenKey, fresh.accessToken(), ttl.toMillis(), TimeUnit.MILLISECONDS);
        }
        return fresh.accessToken();
    }

    /** How many times a caller found the lock taken and slept; the tests wait on it. */
    long lockWaits() {
        return lockWaits.get();
    }

    private static void sleep(Duration wait) {
        try {
            // the documents' wait: a fixed sleep, then read again
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another instance refreshes the token", e);
        }
    }
}
