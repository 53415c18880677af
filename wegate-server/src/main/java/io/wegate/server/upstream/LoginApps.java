package io.wegate.server.upstream;

import io.wegate.client.wechat.WeChatApp;
import io.wegate.client.wechat.WeChatOAuth2AuthorizeUrl;
import io.wegate.client.wecom.WeComApp;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.client.wecom.WeComQrLoginUrl;
import io.wegate.server.account.LinkPolicy;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.upstream.WeChatProperties.Kind;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Every app wegate logs people in with, resolved from configuration (or from the sandbox), and
 * where their upstreams live. Immutable; validated at start.
 *
 * @param sandbox whether these are the sandbox's apps
 */
public record LoginApps(List<WeComLoginApp> wecom, List<WeChatLoginApp> wechat, boolean sandbox) {

    /** One WeCom agent, its login rules, and where its upstream lives. */
    public record WeComLoginApp(
            String id,
            WeComApp app,
            WeComOAuth2AuthorizeUrl.Scope scope,
            boolean fetchProfile,
            LinkPolicy linkPolicy,
            WeComUrls urls) {}

    /** One WeChat app, its login rules, and where its upstream lives. */
    public record WeChatLoginApp(
            String id,
            Kind kind,
            WeChatApp app,
            WeChatOAuth2AuthorizeUrl.Scope scope,
            LinkPolicy linkPolicy,
            URI apiBaseUrl,
            URI authorizeBaseUrl) {}

    /** Where the WeCom API and pages live. */
    public record WeComUrls(URI api, URI authorize, URI sso, URI qrConnect, WeComQrLoginUrl.Style qrStyle) {}

    public LoginApps {
        wecom = List.copyOf(wecom);
        wechat = List.copyOf(wechat);
    }

    /** The default WeCom app: the first one. */
    public WeComLoginApp defaultWeCom() {
        if (wecom.isEmpty()) {
            throw new ApiException(GatewayError.UNKNOWN_APP, "no WeCom app is configured");
        }
        return wecom.get(0);
    }

    /** The WeCom app named {@code id}, or the default when {@code id} is empty. */
    public WeComLoginApp wecom(String id) {
        if (id == null || id.isEmpty()) {
            return defaultWeCom();
        }
        return wecom.stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ApiException(GatewayError.UNKNOWN_APP, "no WeCom app '" + id + "'"));
    }

    /** The WeChat app of {@code kind} named {@code id}, or the first of that kind when {@code id} is empty. */
    public WeChatLoginApp wechat(Kind kind, String id) {
        return wechat.stream()
                .filter(a -> a.kind() == kind && (id == null || id.isEmpty() || a.id().equals(id)))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        GatewayError.UNKNOWN_APP,
                        "no " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " app"
                                + (id == null || id.isEmpty() ? "" : " '" + id + "'")));
    }

    /** Whether a WeChat app of {@code kind} is configured. */
    public boolean has(Kind kind) {
        return wechat.stream().anyMatch(a -> a.kind() == kind);
    }

    public Optional<WeChatLoginApp> wechatByAppId(String appId) {
        return wechat.stream().filter(a -> a.app().appId().equals(appId)).findFirst();
    }
}
