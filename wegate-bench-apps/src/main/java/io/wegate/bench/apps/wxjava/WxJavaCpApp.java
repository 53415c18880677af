package io.wegate.bench.apps.wxjava;

import java.time.Clock;
import me.chanjar.weixin.common.util.http.apache.DefaultApacheHttpClientBuilder;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.config.impl.WxCpRedisTemplateConfigImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The WeCom login a team writes with <a href="https://github.com/binarywang/WxJava">WxJava</a> ({@code
 * weixin-java-cp}) in a Spring Boot app, set up as WxJava's documentation shows: a {@link WxCpServiceImpl} on a {@link
 * WxCpDefaultConfigImpl} (corp id, secret, agent id; the base URL pointed at the sandbox), or, with {@code
 * bench.wxjava.redis=true}, on WxJava's Redis config storage {@link WxCpRedisTemplateConfigImpl} so that several
 * instances share one access token and its refresh lock. {@code POST /login {"code"}} is {@code
 * getOauth2Service().getUserInfo(code)}, {@code getUserService().getById(userid)}, an upsert of {@code bench_user} in
 * H2 and an ES256 JWT (see {@link LoginController}).
 *
 * <pre>
 * java -Dloader.main=io.wegate.bench.apps.wxjava.WxJavaCpApp -jar wegate-bench-apps/target/wegate-bench-apps.jar \
 *     --server.port=18090 --bench.sandbox=http://127.0.0.1:18081 [--bench.wxjava.redis=true]
 * </pre>
 *
 * Its properties are {@code wxjava.properties} ({@code spring.config.name=wxjava}, so the other contenders'
 * {@code application.properties} stays theirs): {@code bench.sandbox}, {@code bench.corp-id}, {@code bench.agent-id},
 * {@code bench.secret} (defaults: the sandbox demo fixture, app 1000002), {@code bench.wxjava.max-connections} (200),
 * {@code bench.wxjava.connect-timeout-ms} (2000), {@code bench.wxjava.socket-timeout-ms} (5000), {@code
 * bench.wxjava.pool-timeout-ms} (5000), {@code bench.wxjava.redis} (false), {@code bench.wxjava.redis-host}
 * (127.0.0.1), {@code bench.wxjava.redis-port} (6379), {@code bench.wxjava.redis-key-prefix} ({@code wxjava-bench}).
 *
 * <p>Tuned as far as WxJava documents it: its Apache HttpClient pool ({@link DefaultApacheHttpClientBuilder}, 10
 * connections per host and 50 in all by default, no limit on the wait for one) sized for the load, with bounded
 * connect, read and pool waits. Spring Security is on the classpath for the Spring Authorization Server contender;
 * its auto-configurations are excluded here, so nothing stands in front of {@code /login}.
 */
@SpringBootApplication(
        scanBasePackageClasses = WxJavaCpApp.class,
        exclude = {
            SecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class,
            OAuth2AuthorizationServerAutoConfiguration.class,
            OAuth2AuthorizationServerJwtAutoConfiguration.class
        })
public class WxJavaCpApp {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own properties file, {@code wxjava.properties}; the tests start it the same way. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(WxJavaCpApp.class).properties("spring.config.name=wxjava");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WxCpService wxCpService(
            ObjectProvider<StringRedisTemplate> redis,
            @Value("${bench.wxjava.redis}") boolean inRedis,
            @Value("${bench.wxjava.redis-key-prefix}") String keyPrefix,
            @Value("${bench.sandbox}") String baseApiUrl,
            @Value("${bench.corp-id}") String corpId,
            @Value("${bench.agent-id}") int agentId,
            @Value("${bench.secret}") String secret,
            @Value("${bench.wxjava.max-connections}") int maxConnections,
            @Value("${bench.wxjava.connect-timeout-ms}") int connectTimeoutMs,
            @Value("${bench.wxjava.socket-timeout-ms}") int socketTimeoutMs,
            @Value("${bench.wxjava.pool-timeout-ms}") int poolTimeoutMs) {
        WxCpDefaultConfigImpl config =
                inRedis ? new WxCpRedisTemplateConfigImpl(redis.getObject(), keyPrefix) : new WxCpDefaultConfigImpl();
        config.setBaseApiUrl(baseApiUrl);
        config.setCorpId(corpId);
        config.setCorpSecret(secret);
        // after the corp id: the Redis storage derives its keys from both
        config.setAgentId(agentId);

        // WxJava's one HttpClient builder (a JVM-wide singleton, configured before its first build)
        DefaultApacheHttpClientBuilder http = DefaultApacheHttpClientBuilder.get();
        http.setMaxTotalConn(maxConnections);
        http.setMaxConnPerHost(maxConnections);
        http.setConnectionTimeout(connectTimeoutMs);
        http.setSoTimeout(socketTimeoutMs);
        http.setConnectionRequestTimeout(poolTimeoutMs);
        config.setApacheHttpClientBuilder(http);

        WxCpService service = new WxCpServiceImpl();
        service.setWxCpConfigStorage(config);
        return service;
    }

    /** {@code bench.wxjava.redis=true}: the StringRedisTemplate WxJava's Redis config storage takes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("bench.wxjava.redis")
    static class RedisStorage {

        @Bean
        LettuceConnectionFactory redisConnectionFactory(
                @Value("${bench.wxjava.redis-host}") String host, @Value("${bench.wxjava.redis-port}") int port) {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
        }

        @Bean
        StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory connections) {
            return new StringRedisTemplate(connections);
        }
    }
}
