package io.wegate.server.cluster;

import io.wegate.server.token.SessionCookie;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Browser sessions in Redis in cluster mode, so that a browser logged in through one instance is
 * logged in on all of them, behind any load balancer. Same cookie as on one instance
 * ({@link SessionCookie}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wegate.store", havingValue = "redis")
@EnableRedisHttpSession(redisNamespace = "wegate:session", maxInactiveIntervalInSeconds = 8 * 3600)
class ClusterSessionConfiguration {

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
