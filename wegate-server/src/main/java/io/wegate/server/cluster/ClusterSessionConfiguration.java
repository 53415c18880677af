package io.wegate.server.cluster;

import io.wegate.server.token.SessionCookie;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Browser sessions in Redis in cluster mode, so that a browser logged in through one instance is
 * logged in on all of them, behind any load balancer: keys {@code <wegate.redis.key-prefix>session:…},
 * 8 hours of inactivity, this instance's memory while Redis is away. Same cookie as on one instance
 * ({@link SessionCookie}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wegate.store", havingValue = "redis")
@EnableSpringHttpSession
class ClusterSessionConfiguration {

    static final Duration MAX_INACTIVE = Duration.ofHours(8);

    @Bean
    SessionRepository<Session> wegateSessionRepository(
            RedisConnectionFactory connections, ClusterProperties properties, RedisAvailability availability) {
        RedisTemplate<String, Object> redis = new RedisTemplate<>();
        redis.setConnectionFactory(connections);
        redis.setKeySerializer(RedisSerializer.string());
        redis.setHashKeySerializer(RedisSerializer.string());
        redis.setDefaultSerializer(RedisSerializer.java(ClusterSessionConfiguration.class.getClassLoader()));
        redis.afterPropertiesSet();
        RedisSessionRepository sessions = new RedisSessionRepository(redis);
        sessions.setRedisKeyNamespace(properties.keyPrefix() + "session");
        sessions.setDefaultMaxInactiveInterval(MAX_INACTIVE);
        return new FallbackSessionRepository(sessions, MAX_INACTIVE, availability);
    }

    @Bean
    CookieSerializer wegateSessionCookie(SessionCookie cookie) {
        DefaultCookieSerializer c = new DefaultCookieSerializer();
        c.setCookieName(cookie.name());
        c.setUseHttpOnlyCookie(true);
        c.setSameSite("Lax");
        c.setCookiePath("/");
        c.setUseSecureCookie(cookie.secure());
        return c;
    }
}
