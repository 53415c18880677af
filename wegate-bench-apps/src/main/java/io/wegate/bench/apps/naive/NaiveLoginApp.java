package io.wegate.bench.apps.naive;

import io.wegate.bench.apps.wecomlogin.AccessTokenSource;
import io.wegate.bench.apps.wecomlogin.WeComApi;
import io.wegate.bench.apps.wecomlogin.WeComLoginConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
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

/**
 * Contender "naive" of issue 9: the WeCom login of the blog posts. The app access token sits in a static field and is
 * fetched again once it is older than 7200 s — WeCom's documented lifetime, with no margin, {@code expires_in} not
 * read, no single flight (concurrent callers that find it stale all call gettoken), and no handling of 40014/42001
 * (a token WeCom invalidated early keeps failing every login until it is 7200 s old). The rest is the shared job of
 * {@link WeComLoginConfiguration}. Naive, not sabotaged: {@code RestClient} over the JDK client, Spring JDBC on H2,
 * Nimbus HS256, virtual threads.
 *
 * <pre>java -Dloader.main=io.wegate.bench.apps.naive.NaiveLoginApp -jar wegate-bench-apps/target/wegate-bench-apps.jar \
 *     --server.port=8091 --bench.sandbox=http://127.0.0.1:18081</pre>
 *
 * <p>Only this package is scanned, Spring Security and the Spring Authorization Server app's auto-configuration are
 * left out (no login form in front of {@code /login}), and the properties are {@code naive.properties}, not the
 * {@code application.properties} of the SAS app.
 */
@SpringBootApplication(
        proxyBeanMethods = false,
        scanBasePackageClasses = NaiveLoginApp.class,
        exclude = {
            SecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class,
            OAuth2AuthorizationServerAutoConfiguration.class,
            OAuth2AuthorizationServerJwtAutoConfiguration.class,
            DataRedisAutoConfiguration.class,
            DataRedisReactiveAutoConfiguration.class,
            DataRedisRepositoriesAutoConfiguration.class
        })
@Import(WeComLoginConfiguration.class)
public class NaiveLoginApp {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The app with its own properties file, {@code naive.properties}; the command line adds to it. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NaiveLoginApp.class).properties("spring.config.name=naive");
    }

    @Bean
    AccessTokenSource staticAccessToken(WeComApi wecom, ObjectProvider<Clock> clock) {
        return new StaticAccessToken(wecom, WeComLoginConfiguration.clock(clock));
    }
}
