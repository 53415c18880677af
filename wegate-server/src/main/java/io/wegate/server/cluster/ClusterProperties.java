package io.wegate.server.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where shared state lives ({@code wegate.store}, {@code wegate.redis.*}).
 *
 * @param keyPrefix every Redis key wegate writes starts with it
 * @param nearCache how long an instance trusts a token it read from Redis without asking again
 */
@ConfigurationProperties("wegate.redis")
public record ClusterProperties(String keyPrefix, Duration nearCache) {

    public ClusterProperties {
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "wegate:" : keyPrefix;
        nearCache = nearCache == null ? Duration.ofSeconds(1) : nearCache;
        if (nearCache.isNegative() || nearCache.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("wegate.redis.near-cache must be between 0 and 1m");
        }
    }
}
