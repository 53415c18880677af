package io.wegate.server.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wegate.client.UpstreamCallListener;
import io.wegate.client.token.AccessTokenListener;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Upstream metrics: {@code wegate.upstream.requests{path,outcome}} per call (outcome is the errcode),
 * {@code wegate.upstream.token{app,event=hit|fetch|rejected}} for the access-token cache.
 */
@Component
public final class UpstreamMetrics implements UpstreamCallListener, AccessTokenListener {

    private final MeterRegistry registry;
    // meters are looked up once per tag set: a cache hit is on every login's path
    private final ConcurrentMap<String, Counter> tokenCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    private final UpstreamQuota quota;

    public UpstreamMetrics(MeterRegistry registry, UpstreamQuota quota) {
        this.registry = registry;
        this.quota = quota;
    }

    /** The upstream connection pool's gauges ({@code httpcomponents.httpclient.pool.*}, {@code pool=upstream}). */
    void bindPool(org.apache.hc.core5.pool.ConnPoolControl<org.apache.hc.client5.http.HttpRoute> pool) {
        new io.micrometer.core.instrument.binder.httpcomponents.hc5.PoolingHttpClientConnectionManagerMetricsBinder(
                        pool, "upstream")
                .bindTo(registry);
    }

    @Override
    public void onCall(String path, String outcome, Duration elapsed) {
        timers.computeIfAbsent(
                        path + ' ' + outcome,
                        k -> Timer.builder("wegate.upstream.requests")
                                .description("Calls to WeCom/WeChat by path and errcode (or transport failure)")
                                .tag("path", path)
                                .tag("outcome", outcome)
                                .register(registry))
                .record(elapsed);
    }

    @Override
    public void onCacheHit(String key) {
        token(key, "hit");
    }

    @Override
    public void onFetch(String key) {
        token(key, "fetch");
        quota.record(key);
    }

    @Override
    public void onTokenRejected(String key) {
        token(key, "rejected");
    }

    private void token(String key, String event) {
        tokenCounters
                .computeIfAbsent(
                        key + ' ' + event,
                        k -> Counter.builder("wegate.upstream.token")
                                .description(
                                        "Upstream access-token cache: hits, fetches (gettoken calls), early rejections")
                                .tag("app", key)
                                .tag("event", event)
                                .register(registry))
                .increment();
    }
}
