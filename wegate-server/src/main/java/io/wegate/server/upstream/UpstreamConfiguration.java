package io.wegate.server.upstream;

import io.wegate.client.token.InMemoryTokenStore;
import io.wegate.client.token.TokenStore;
import io.wegate.client.wechat.WeChatApp;
import io.wegate.client.wechat.WeChatClient;
import io.wegate.client.wechat.WeChatOAuth2AuthorizeUrl;
import io.wegate.client.wecom.WeComApp;
import io.wegate.client.wecom.WeComClient;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.client.wecom.WeComQrLoginUrl;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.LinkPolicy;
import io.wegate.server.upstream.LoginApps.WeChatLoginApp;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The apps wegate speaks for, the clock, and the token store every upstream client shares. */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    /** The time of every expiry decision; tests replace it with a @Primary clock they move. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnProperty(name = "wegate.store", havingValue = "memory", matchIfMissing = true)
    TokenStore tokenStore() {
        return new InMemoryTokenStore();
    }

    @Bean
    @ConditionalOnProperty(name = "wegate.store", havingValue = "memory", matchIfMissing = true)
    QuotaCounters quotaCounters() {
        return new InMemoryQuotaCounters();
    }

    @Bean
    LoginApps loginApps(WeComProperties wecom, WeChatProperties wechat, ObjectProvider<Sandbox> sandboxes) {
        Sandbox sandbox = sandboxes.getIfAvailable();
        if (sandbox != null) {
            return SandboxApps.of(sandbox, wecom);
        }
        if (!wecom.configured() && wechat.apps().isEmpty()) {
            throw new IllegalStateException(
                    "wegate.sandbox.enabled=false but no apps are configured: set " + UpstreamMode.APP_PROPERTIES);
        }
        return new LoginApps(wecom.configured() ? wecomApps(wecom) : List.of(), wechatApps(wechat), false);
    }

    static List<WeComLoginApp> wecomApps(WeComProperties p) {
        LoginApps.WeComUrls defaults = new LoginApps.WeComUrls(
                or(p.apiBaseUrl(), WeComClient.DEFAULT_API_BASE_URL),
                or(p.authorizeBaseUrl(), WeComOAuth2AuthorizeUrl.DEFAULT_BASE_URL),
                or(p.ssoBaseUrl(), WeComQrLoginUrl.DEFAULT_SSO_BASE_URL),
                or(p.qrConnectBaseUrl(), WeComQrLoginUrl.DEFAULT_QR_CONNECT_BASE_URL),
                qrStyle(p));
        List<WeComLoginApp> apps = new ArrayList<>();
        apps.add(new WeComLoginApp(
                "default",
                new WeComApp(p.corpId(), p.agentId(), p.secret()),
                WeComOAuth2AuthorizeUrl.Scope.of(p.scope()),
                p.fetchProfile(),
                LinkPolicy.of(p.linkPolicy()),
                defaults));
        for (WeComProperties.ExtraApp a : p.apps()) {
            apps.add(new WeComLoginApp(
                    a.id(),
                    new WeComApp(a.corpId() != null ? a.corpId() : p.corpId(), a.agentId(), a.secret()),
                    WeComOAuth2AuthorizeUrl.Scope.of(a.scope() != null ? a.scope() : p.scope()),
                    p.fetchProfile(),
                    LinkPolicy.of(a.linkPolicy() != null ? a.linkPolicy() : p.linkPolicy()),
                    new LoginApps.WeComUrls(
                            or(a.apiBaseUrl(), defaults.api()),
                            or(a.authorizeBaseUrl(), defaults.authorize()),
                            defaults.sso(),
                            defaults.qrConnect(),
                            defaults.qrStyle())));
        }
        return apps;
    }

    static List<WeChatLoginApp> wechatApps(WeChatProperties p) {
        return p.apps().stream()
                .map(a -> new WeChatLoginApp(
                        a.id(),
                        a.kindValue(),
                        new WeChatApp(a.appId(), a.secret()),
                        WeChatOAuth2AuthorizeUrl.Scope.of(a.scope() != null ? a.scope() : "snsapi_userinfo"),
                        LinkPolicy.of(a.linkPolicy()),
                        or(a.apiBaseUrl(), or(p.apiBaseUrl(), WeChatClient.DEFAULT_API_BASE_URL)),
                        or(a.authorizeBaseUrl(), or(p.authorizeBaseUrl(), WeChatOAuth2AuthorizeUrl.DEFAULT_BASE_URL))))
                .toList();
    }

    static WeComQrLoginUrl.Style qrStyle(WeComProperties p) {
        return p.qrLoginStyle().equals("qr-connect")
                ? WeComQrLoginUrl.Style.QR_CONNECT
                : WeComQrLoginUrl.Style.SSO_LOGIN;
    }

    private static URI or(URI value, URI fallback) {
        return value != null ? value : fallback;
    }
}
