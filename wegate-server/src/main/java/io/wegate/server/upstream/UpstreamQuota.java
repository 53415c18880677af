package io.wegate.server.upstream;

import io.wegate.server.cluster.RedisAvailability;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * How many app-token calls ({@code gettoken}, {@code stable_token}) each app made today, the
 * number the upstreams' daily quotas count (45009 past it). Shared across instances through Redis
 * in cluster mode; a WARN when an app reaches {@code wegate.upstream.quota-warning}; shown at
 * {@code /actuator/upstreamquota}. Days are China Standard Time days, as the upstreams count them.
 */
@Component
@Endpoint(id = "upstreamquota")
public final class UpstreamQuota {

    private static final Logger log = LoggerFactory.getLogger(UpstreamQuota.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final long warning;
    private final StringRedisTemplate redis;
    private final String prefix;
    private final RedisAvailability availability;
    private final ConcurrentMap<String, AtomicLong> local = new ConcurrentHashMap<>();

    public UpstreamQuota(
            Clock clock, Environment env, ObjectProvider<StringRedisTemplate> redis, RedisAvailability availability) {
        this.clock = clock;
        this.warning = env.getProperty("wegate.upstream.quota-warning", Long.class, 1000L);
        boolean shared = "redis".equals(env.getProperty("wegate.store"));
        this.redis = shared ? redis.getIfAvailable() : null;
        this.prefix = env.getProperty("wegate.redis.key-prefix", "wegate:") + "quota:";
        this.availability = availability;
    }

    /** Counts one app-token call for {@code app} and returns today's count so far. */
    public long record(String app) {
        String day = today();
        long count =
                local.computeIfAbsent(day + " " + app, k -> new AtomicLong()).incrementAndGet();
        if (redis != null) {
            try {
                String key = prefix + day + ":" + app;
                Long shared = redis.opsForValue().increment(key);
                if (shared != null && shared == 1) {
                    redis.expire(key, java.time.Duration.ofDays(2));
                }
                redis.opsForSet().add(prefix + day, app);
                redis.expire(prefix + day, java.time.Duration.ofDays(2));
                availability.succeeded();
                count = shared == null ? count : shared;
            } catch (DataAccessException e) {
                availability.failed(e);
            }
        }
        if (count == warning) {
            log.warn(
                    "App {} has made {} access-token calls today (warning threshold wegate.upstream.quota-warning):"
                            + " the daily quota is 2000 for most apps; look for a caller that fetches tokens outside wegate",
                    app,
                    count);
        }
        return count;
    }

    /** Today's counts per app, across the cluster when Redis is used. */
    @ReadOperation
    public Map<String, Object> usage() {
        String day = today();
        Map<String, Long> counts = new TreeMap<>();
        local.forEach((k, v) -> {
            if (k.startsWith(day + " ")) {
                counts.put(k.substring(day.length() + 1), v.get());
            }
        });
        if (redis != null) {
            try {
                Set<String> apps = redis.opsForSet().members(prefix + day);
                if (apps != null) {
                    for (String app : apps) {
                        String v = redis.opsForValue().get(prefix + day + ":" + app);
                        if (v != null) {
                            counts.put(app, Long.parseLong(v));
                        }
                    }
                }
            } catch (DataAccessException e) {
                availability.failed(e);
            }
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("day", day);
        out.put("scope", redis != null ? "cluster" : "this instance");
        out.put("warning_threshold", warning);
        out.put("token_calls", counts);
        return out;
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), CHINA).toString();
    }
}
