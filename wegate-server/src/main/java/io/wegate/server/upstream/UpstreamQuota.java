package io.wegate.server.upstream;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How many app-token calls ({@code gettoken}, {@code stable_token}) each app made today, the
 * number the upstreams' daily quotas count (45009 past it). Shared across instances through Redis
 * in cluster mode ({@link QuotaCounters}); a WARN when an app reaches
 * {@code wegate.upstream.quota-warning}; shown at {@code /actuator/upstreamquota}. Days are China
 * Standard Time days, as the upstreams count them.
 */
@Component
@Endpoint(id = "upstreamquota")
public final class UpstreamQuota {

    private static final Logger log = LoggerFactory.getLogger(UpstreamQuota.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final long warning;
    private final QuotaCounters counters;

    public UpstreamQuota(Clock clock, Environment env, QuotaCounters counters) {
        this.clock = clock;
        this.warning = env.getProperty("wegate.upstream.quota-warning", Long.class, 1000L);
        this.counters = counters;
    }

    /** Counts one app-token call for {@code app} and returns today's count so far. */
    public long record(String app) {
        long count = counters.increment(today(), app);
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
        Map<String, Object> out = new TreeMap<>();
        out.put("day", day);
        out.put("scope", counters.scope());
        out.put("warning_threshold", warning);
        out.put("token_calls", counters.counts(day));
        return out;
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), CHINA).toString();
    }
}
