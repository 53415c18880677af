package io.wegate.server.upstream;

import io.wegate.client.ClientBuilder;
import io.wegate.client.RetryPolicy;
import io.wegate.client.token.TokenStore;
import io.wegate.client.wechat.WeChatClient;
import io.wegate.client.wecom.WeComClient;
import io.wegate.server.upstream.LoginApps.WeChatLoginApp;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The upstream clients, one per API base URL (apps usually share one), all on the same token
 * store, clock, timeouts and metrics.
 */
@Component
public final class UpstreamClients implements DisposableBean {

    private final UpstreamProperties properties;
    private final Clock clock;
    private final TokenStore tokenStore;
    private final UpstreamMetrics metrics;
    private final PooledUpstreamTransport transport;
    private final ConcurrentMap<URI, WeComClient> wecom = new ConcurrentHashMap<>();
    private final ConcurrentMap<URI, WeChatClient> wechat = new ConcurrentHashMap<>();

    public UpstreamClients(UpstreamProperties properties, Clock clock, TokenStore tokenStore, UpstreamMetrics metrics) {
        this.properties = properties;
        this.clock = clock;
        this.tokenStore = tokenStore;
        this.metrics = metrics;
        this.transport = new PooledUpstreamTransport(properties.connectTimeout(), properties.maxConnections());
        metrics.bindPool(transport.pool());
    }

    @Override
    public void destroy() {
        transport.close();
    }

    public WeComClient wecom(WeComLoginApp app) {
        return wecom.computeIfAbsent(
                app.urls().api(), api -> configure(WeComClient.builder(), api).build());
    }

    public WeChatClient wechat(WeChatLoginApp app) {
        return wechat.computeIfAbsent(
                app.apiBaseUrl(), api -> configure(WeChatClient.builder(), api).build());
    }

    private <B extends ClientBuilder<B>> B configure(B b, URI api) {
        return b.apiBaseUrl(api)
                .transport(transport)
                .connectTimeout(properties.connectTimeout())
                .requestTimeout(properties.requestTimeout())
                .retryPolicy(new RetryPolicy(
                        properties.maxRetries(), Duration.ofMillis(200), Duration.ofSeconds(2), properties.deadline()))
                .tokenExpiryMargin(properties.tokenExpiryMargin())
                .clock(clock)
                .tokenStore(tokenStore)
                .callListener(metrics)
                .tokenListener(metrics);
    }
}
