package io.wegate.bench.apps.wecomlogin;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job every WeCom login contender does the same way (WeCom calls, the {@code bench_user} upsert, the HS256 JWT,
 * the HTTP contract); a contender imports it and adds its own {@link AccessTokenSource}. Not component-scanned by
 * any app: each imports it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BenchLoginProperties.class)
@Import(LoginController.class)
public class WeComLoginConfiguration {

    /** The system clock, unless the context has a {@link Clock} bean (a test's sandbox clock). */
    public static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    WeComApi weComApi(BenchLoginProperties properties) {
        return new WeComApi(properties);
    }

    @Bean
    BenchUsers benchUsers(JdbcTemplate jdbc) {
        return new BenchUsers(jdbc);
    }

    @Bean
    SessionJwt sessionJwt(BenchLoginProperties properties, ObjectProvider<Clock> clock) {
        return new SessionJwt(properties.jwtSecret(), clock(clock));
    }
}
