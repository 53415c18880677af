package io.wegate.server.cluster;

import io.wegate.server.web.PublicBaseUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Browser sessions in Redis in cluster mode, so that a browser logged in through one instance is
 * logged in on all of them, behind any load balancer. Same cookie as on one instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wegate.store", havingValue = "redis")
@EnableRedisHttpSession(redisNamespace = "wegate:session", maxInactiveIntervalInSeconds = 8 * 3600)
class ClusterSessionConfiguration {

    @Bean
    CookieSerializer wegateSessionCookie(PublicBaseUrl publicBaseUrl) {
        DefaultCookieSerializer c = new DefaultCookieSerializer();
        c.setCookieName("WEGATE_SESSION");
        c.setUseHttpOnlyCookie(true);
        c.setSameSite("Lax");
        c.setCookiePath("/");
        c.setUseSecureCookie(publicBaseUrl.isHttps());
        return c;
    }
}
