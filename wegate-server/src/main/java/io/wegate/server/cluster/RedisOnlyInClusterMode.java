package io.wegate.server.cluster;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's Redis auto-configuration (Lettuce's client resources and Netty event loops, the
 * connection factory, the templates, their observation) only in cluster mode ({@code
 * wegate.store=redis}), the only mode in which wegate talks to Redis. On one instance nothing reads
 * them, and building them is about a tenth of the start (some 1,100 classes and three thread pools).
 * Boot's {@code spring.data.redis.*} properties keep their meaning in cluster mode: the same
 * auto-configurations then apply as before. Registered in {@code META-INF/spring.factories}; filters
 * run before a class is loaded, so nothing of Lettuce is loaded on one instance.
 */
public final class RedisOnlyInClusterMode implements AutoConfigurationImportFilter, EnvironmentAware {

    /** The auto-configurations that build a Redis client (or only serve one). */
    static final Set<String> REDIS_CLIENT = Set.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
            "org.springframework.boot.netty.autoconfigure.NettyAutoConfiguration");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean cluster = clusterMode(environment);
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            match[i] = cluster
                    || autoConfigurationClasses[i] == null
                    || !REDIS_CLIENT.contains(autoConfigurationClasses[i]);
        }
        return match;
    }

    /**
     * {@code wegate.store=redis}, read as {@link ClusterConfiguration}'s condition reads it;
     * without an environment (never in a Spring Boot start) nothing is filtered.
     */
    static boolean clusterMode(Environment environment) {
        return environment == null || "redis".equalsIgnoreCase(environment.getProperty("wegate.store"));
    }
}
