package io.wegate.server.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wegate.client.internal.http.UpstreamCallListener;
import io.wegate.client.token.AccessTokenListener;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Upstream metrics: {@code wegate.upstream.requests{path,outcome}} per call (outcome is the errcode),
 * {@code wegate.upstream.token{app,event=hit|fetch|rejected}} for the access-token cache.
 */
@Component
public final class UpstreamMetrics implements UpstreamCallListener, AccessTokenListener {

    private final MeterRegistry registry;

    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCall(String path, String outcome, Duration elapsed) {
        Timer.builder("wegate.upstream.requests")
                .description("Calls to WeCom/WeChat by path and errcode (or transport failure)")
                .tag("path", path)
                .tag("outcome", outcome)
                .register(registry)
                .record(elapsed);
    }

    @Override
    public void onCacheHit(String key) {
        token(key, "hit");
    }

    @Override
    public void onFetch(String key) {
        token(key, "fetch");
    }

    @Override
    public void onTokenRejected(String key) {
        token(key, "rejected");
    }

    private void token(String key, String event) {
        Counter.builder("wegate.upstream.token")
                .description("Upstream access-token cache: hits, fetches (gettoken calls), early rejections")
                .tag("app", key)
                .tag("event", event)
                .register(registry)
                .increment();
    }
}
