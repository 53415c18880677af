package io.wegate.bench.apps.redislock;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bench.redis.*}: the key prefix (a test or a second contender on the same Redis takes its own), how much
 * earlier than WeCom's {@code expires_in} the stored token expires, the refresh lock's expiry, and how long a caller
 * that did not get the lock sleeps before it reads again.
 */
@ConfigurationProperties("bench.redis")
public record RedisLockProperties(
        @DefaultValue("bench:redislock:") String keyPrefix,
        @DefaultValue("200s") Duration tokenMargin,
        @DefaultValue("10s") Duration lockTtl,
        @DefaultValue("500ms") Duration lockWait) {}
