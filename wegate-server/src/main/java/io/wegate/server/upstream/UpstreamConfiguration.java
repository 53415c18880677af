package io.wegate.server.upstream;

import io.wegate.client.internal.http.RetryPolicy;
import io.wegate.client.token.InMemoryTokenStore;
import io.wegate.client.token.TokenStore;
import io.wegate.client.wecom.WeComApp;
import io.wegate.client.wecom.WeComClient;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The WeCom client, its token store and the app it speaks for. */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    /** The time of every expiry decision; tests replace it with a @Primary clock they move. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    TokenStore tokenStore() {
        return new InMemoryTokenStore();
    }

    @Bean
    WeComUpstream weComUpstream(WeComProperties p, ObjectProvider<Sandbox> sandboxes) {
        WeComOAuth2AuthorizeUrl.Scope scope = WeComOAuth2AuthorizeUrl.Scope.of(p.scope());
        Sandbox sandbox = sandboxes.getIfAvailable();
        if (sandbox != null) {
            SandboxFixture.App app = sandbox.fixture().apps().get(0);
            WeComApp credentials = new WeComApp(sandbox.fixture().corpId(), app.agentId(), app.secret());
            return new WeComUpstream(credentials, sandbox.baseUrl(), sandbox.baseUrl(), scope, p.fetchProfile(), true);
        }
        if (!p.configured()) {
            throw new IllegalStateException("wegate.sandbox.enabled=false but no WeCom credentials are set: set"
                    + " wegate.wecom.corp-id, wegate.wecom.agent-id and wegate.wecom.secret");
        }
        return new WeComUpstream(
                new WeComApp(p.corpId(), p.agentId(), p.secret()),
                p.apiBaseUrl() != null ? p.apiBaseUrl() : WeComClient.DEFAULT_API_BASE_URL,
                p.authorizeBaseUrl() != null ? p.authorizeBaseUrl() : WeComOAuth2AuthorizeUrl.DEFAULT_BASE_URL,
                scope,
                p.fetchProfile(),
                false);
    }

    @Bean
    WeComClient weComClient(
            WeComUpstream upstream, UpstreamProperties p, Clock clock, TokenStore tokenStore, UpstreamMetrics metrics) {
        return WeComClient.builder()
                .apiBaseUrl(upstream.apiBaseUrl())
                .connectTimeout(p.connectTimeout())
                .requestTimeout(p.requestTimeout())
                .retryPolicy(
                        new RetryPolicy(p.maxRetries(), Duration.ofMillis(200), Duration.ofSeconds(2), p.deadline()))
                .tokenExpiryMargin(p.tokenExpiryMargin())
                .clock(clock)
                .tokenStore(tokenStore)
                .callListener(metrics)
                .tokenListener(metrics)
                .build();
    }
}
