package io.wegate.server.ops;

import io.wegate.server.cluster.RedisAvailability;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.UpstreamMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Unsafe development defaults are loud: each is logged as a WARN at start-up and listed on the
 * health and info endpoints ({@code wegate} component).
 */
@Component("wegate")
public final class DevelopmentDefaults implements HealthIndicator, InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentDefaults.class);
    private final List<String> warnings = new ArrayList<>();
    private final boolean sandbox;
    private final Map<String, Object> apps;
    private final String database;

    private final String store;
    private final RedisAvailability redis;

    private final org.springframework.beans.factory.ObjectProvider<
                    org.springframework.data.redis.connection.RedisConnectionFactory>
            redisConnections;

    public DevelopmentDefaults(
            LoginApps apps,
            Environment env,
            RedisAvailability redis,
            org.springframework.beans.factory.ObjectProvider<
                            org.springframework.data.redis.connection.RedisConnectionFactory>
                    redisConnections) {
        this.redisConnections = redisConnections;
        this.store = env.getProperty("wegate.store", "memory");
        this.redis = redis;
        this.sandbox = apps.sandbox();
        String url = env.getProperty("spring.datasource.url", "");
        this.database = url.startsWith("jdbc:h2:") ? "h2" : url.startsWith("jdbc:postgresql:") ? "postgresql" : "other";
        if (sandbox) {
            warnings.add("sandbox upstream: no WeCom or WeChat app is configured, so logins go to the simulated WeCom"
                    + " and WeChat and anyone can log in as a demo user; for production set "
                    + UpstreamMode.APP_PROPERTIES);
        }
        this.apps = appsInForce(apps);
        if (database.equals("h2")) {
            warnings.add(
                    "embedded H2 database: fine for one instance and trials; use PostgreSQL or MySQL in production");
        }
        String kek = env.getProperty("wegate.token.key-encryption-key", "");
        if (kek.isBlank()) {
            warnings.add("signing key stored unencrypted in the database (table signing_key): set"
                    + " wegate.token.key-encryption-key (openssl rand -base64 32), and protect database access");
        }
        if ("native".equalsIgnoreCase(env.getProperty("server.forward-headers-strategy", ""))
                && env.getProperty("server.tomcat.remoteip.internal-proxies") == null) {
            warnings.add("forwarded headers are believed from Tomcat's default internal proxies (every private"
                    + " address): set server.tomcat.remoteip.internal-proxies to your proxies' addresses");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        for (String w : warnings) {
            log.warn("Development default in use: {}", w);
        }
    }

    @Override
    public Health health() {
        boolean redisDown = store.equals("redis") && redis.recheck(redisConnections.getObject()) != null;
        Health.Builder h = redisDown ? Health.status(DEGRADED) : Health.up();
        h.withDetail("mode", sandbox ? "sandbox" : "production")
                .withDetail("apps", apps)
                .withDetail("database", database)
                .withDetail("store", store)
                .withDetail("crypto", crypto())
                .withDetail("warnings", warnings);
        if (redisDown) {
            h.withDetail("redis", "unavailable since " + redis.downSince() + ": each instance uses its own memory");
        }
        return h.build();
    }

    /** Which JCA provider signs, and why: {@code wegate.crypto.provider}. */
    private static Map<String, Object> crypto() {
        io.wegate.server.crypto.CryptoProviders.Choice c = io.wegate.server.crypto.CryptoProviders.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", c.provider());
        m.put("reason", c.reason());
        m.put("rs256-signer", c.rsaSigner());
        return m;
    }

    /** Serving, but without shared state: logins work, cross-instance continuity does not. */
    public static final org.springframework.boot.health.contributor.Status DEGRADED =
            new org.springframework.boot.health.contributor.Status("DEGRADED");

    /** The apps logins go to, by the id used in {@code ?app=}: what an operator checks after a start. */
    private static Map<String, Object> appsInForce(LoginApps apps) {
        Map<String, Object> wechat = new LinkedHashMap<>();
        apps.wechat()
                .forEach(a -> wechat.put(
                        a.id(), a.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wecom", apps.wecom().stream().map(LoginApps.WeComLoginApp::id).toList());
        m.put("wechat", wechat);
        return m;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", sandbox ? "sandbox" : "production");
        m.put("apps", apps);
        m.put("crypto", crypto());
        m.put("warnings", warnings);
        builder.withDetail("wegate", m);
    }
}
