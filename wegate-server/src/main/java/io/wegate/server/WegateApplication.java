package io.wegate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The wegate gateway. Left out: the parts of Spring Data that come with Spring Data Redis and that
 * wegate does not use (repositories and their metrics, the web binding of {@code Pageable}, the
 * reactive Redis templates), and the reactive (WebFlux) security a servlet application has no use
 * for, whose conditions alone load Reactor; Redis itself is configured in cluster mode only
 * ({@code cluster.RedisOnlyInClusterMode}).
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
            "org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"
        })
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class WegateApplication {

    public static void main(String[] args) {
        // The JDK HTTP client keeps idle upstream connections for 20 minutes by default, longer than
        // most servers and load balancers do; a POST on a connection the far end has closed fails
        // and is not retried. Drop idle connections after 30 s unless the operator chose otherwise.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "30");
        }
        SpringApplication.run(WegateApplication.class, args);
    }
}
