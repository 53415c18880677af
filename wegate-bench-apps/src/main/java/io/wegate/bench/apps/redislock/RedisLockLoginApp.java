package io.wegate.bench.apps.redislock;

import io.wegate.bench.apps.wecomlogin.AccessTokenSource;
import io.wegate.bench.apps.wecomlogin.WeComApi;
import io.wegate.bench.apps.wecomlogin.WeComLoginConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Contender "redislock" of issue 9: the WeCom login of the seed documents, whose instances share the app access token
 * through Redis (Spring Data Redis over Lettuce, {@code 127.0.0.1:6379}) and refresh it under a {@code SET NX PX}
 * lock; see {@link RedisLockAccessToken}. The rest is the shared job of {@link WeComLoginConfiguration}
 * ({@code RestClient} over the JDK client, Spring JDBC on H2, an HS256 JWT with Nimbus, virtual threads).
 *
 * <pre>java -Dloader.main=io.wegate.bench.apps.redislock.RedisLockLoginApp \
 *     -jar wegate-bench-apps/target/wegate-bench-apps.jar --server.port=8092 --bench.sandbox=http://127.0.0.1:18081</pre>
 *
 * <p>Only this package is scanned, Spring Security and the Spring Authorization Server app's auto-configuration are
 * left out (no login form in front of {@code /login}), and the properties are {@code redislock.properties}.
 */
@SpringBootApplication(
        proxyBeanMethods = false,
        scanBasePackageClasses = RedisLockLoginApp.class,
        exclude = {
            SecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class,
            OAuth2AuthorizationServerAutoConfiguration.class,
            OAuth2AuthorizationServerJwtAutoConfiguration.class,
            DataRedisReactiveAutoConfiguration.class,
            DataRedisRepositoriesAutoConfiguration.class
        })
@EnableConfigurationProperties(RedisLockProperties.class)
@Import(WeComLoginConfiguration.class)
public class RedisLockLoginApp {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The app with its own properties file, {@code redislock.properties}; the command line adds to it. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(RedisLockLoginApp.class).properties("spring.config.name=redislock");
    }

    @Bean
    AccessTokenSource redisLockAccessToken(StringRedisTemplate redis, WeComApi wecom, RedisLockProperties properties) {
        return new RedisLockAccessToken(redis, wecom, properties);
    }
}
