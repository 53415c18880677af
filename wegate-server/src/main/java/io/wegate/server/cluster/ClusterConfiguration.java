package io.wegate.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.wegate.client.token.TokenStore;
import io.wegate.server.login.InMemoryUsedStates;
import io.wegate.server.login.RateLimitBuckets;
import io.wegate.server.login.UsedStates;
import io.wegate.server.login.wechat.MiniProgramSessions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode ({@code wegate.store=redis}): upstream tokens and login states shared through Redis
 * (standalone, Sentinel or Cluster, as {@code spring.data.redis.*} configures it). Keys start with
 * {@code wegate.redis.key-prefix} and all expire.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wegate.store", havingValue = "redis")
class ClusterConfiguration {

    @Bean
    TokenStore redisTokenStore(
            StringRedisTemplate redis, ClusterProperties properties, Clock clock, RedisAvailability availability) {
        return new RedisTokenStore(redis, properties.keyPrefix(), clock, availability, properties.nearCache());
    }

    @Bean
    UsedStates redisUsedStates(
            StringRedisTemplate redis, ClusterProperties properties, RedisAvailability availability) {
        return new RedisUsedStates(redis, properties.keyPrefix(), availability, new InMemoryUsedStates(500_000));
    }

    @Bean
    MiniProgramSessions redisMiniProgramSessions(
            StringRedisTemplate redis, ClusterProperties properties, JsonMapper json, RedisAvailability availability) {
        return new RedisMiniProgramSessions(redis, properties.keyPrefix(), json, availability);
    }

    @Bean
    RateLimitBuckets redisRateLimitBuckets(
            StringRedisTemplate redis, ClusterProperties properties, RedisAvailability availability) {
        return new RedisRateLimitBuckets(redis, properties.keyPrefix(), availability);
    }

    @Bean
    io.wegate.server.upstream.QuotaCounters redisQuotaCounters(
            StringRedisTemplate redis, ClusterProperties properties, RedisAvailability availability) {
        return new RedisQuotaCounters(redis, properties.keyPrefix(), availability);
    }

    /** Reconnect every second: after an outage, shared state is back within a second of Redis. */
    @Bean
    ClientResourcesBuilderCustomizer wegateRedisReconnect() {
        return b -> b.reconnectDelay(Delay.constant(Duration.ofSeconds(1)));
    }

    /** Fail fast while Redis is down, instead of queueing commands until they time out. */
    @Bean
    LettuceClientConfigurationBuilderCustomizer wegateRedisFailFast() {
        return b -> b.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }
}
