package io.wegate.server.cluster;

import io.wegate.server.upstream.InMemoryQuotaCounters;
import io.wegate.server.upstream.QuotaCounters;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Quota counts shared by the cluster: {@code <prefix>quota:<day>:<app>} (INCR) and the set
 * {@code <prefix>quota:<day>} of the apps counted that day, both kept two days. While Redis is
 * away, this instance counts in its memory.
 */
final class RedisQuotaCounters implements QuotaCounters {

    private static final Duration KEEP = Duration.ofDays(2);
    private final StringRedisTemplate redis;
    private final String prefix;
    private final RedisAvailability availability;
    private final InMemoryQuotaCounters local = new InMemoryQuotaCounters();

    RedisQuotaCounters(StringRedisTemplate redis, String prefix, RedisAvailability availability) {
        this.redis = redis;
        this.prefix = prefix + "quota:";
        this.availability = availability;
    }

    @Override
    public long increment(String day, String app) {
        long mine = local.increment(day, app);
        try {
            String key = prefix + day + ":" + app;
            Long shared = redis.opsForValue().increment(key);
            if (shared != null && shared == 1) {
                redis.expire(key, KEEP);
            }
            redis.opsForSet().add(prefix + day, app);
            redis.expire(prefix + day, KEEP);
            availability.succeeded();
            return shared == null ? mine : shared;
        } catch (DataAccessException e) {
            availability.failed(e);
            return mine;
        }
    }

    @Override
    public Map<String, Long> counts(String day) {
        Map<String, Long> counts = new TreeMap<>(local.counts(day));
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
            availability.succeeded();
        } catch (DataAccessException e) {
            availability.failed(e);
        }
        return counts;
    }

    @Override
    public String scope() {
        return "cluster";
    }
}
