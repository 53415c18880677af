package io.wegate.server.upstream;

import io.wegate.client.wechat.WeChatOAuth2AuthorizeUrl;
import io.wegate.server.account.LinkPolicy;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WeChat apps wegate logs people in with ({@code wegate.wechat.*}). Apps of one company that share
 * an Open Platform account share one unionid space, so one person is one account across them.
 *
 * @param apiBaseUrl where {@code /sns}, {@code /cgi-bin} and {@code /wxa} live
 * @param authorizeBaseUrl where the authorize and QR pages live
 * @param apps the official accounts, website apps and mini programs
 */
@ConfigurationProperties("wegate.wechat")
public record WeChatProperties(URI apiBaseUrl, URI authorizeBaseUrl, List<App> apps) {

    /** The kind of a WeChat app, which decides its login flow. */
    public enum Kind {
        /** 公众号: web OAuth inside WeChat ({@code /login/wechat-mp}). */
        OFFICIAL_ACCOUNT,
        /** 网站应用 of the Open Platform: QR login on a website ({@code /login/wechat-open}). */
        WEBSITE,
        /** 小程序: {@code POST /api/v1/login/wechat-miniprogram}. */
        MINIPROGRAM;

        static Kind of(String value, String at) {
            if (value != null) {
                for (Kind k : values()) {
                    if (k.name().replace('_', '-').equalsIgnoreCase(value.trim())) {
                        return k;
                    }
                }
            }
            throw new IllegalArgumentException(
                    at + ".kind must be official-account, website or miniprogram, not '" + value + "'");
        }
    }

    /**
     * One WeChat app ({@code wegate.wechat.apps[n].*}).
     *
     * @param id the name used in URLs ({@code ?app=<id>})
     * @param kind {@code official-account}, {@code website} or {@code miniprogram}
     * @param scope official accounts: {@code snsapi_base} or {@code snsapi_userinfo} (default)
     * @param linkPolicy {@code create}, {@code verified-mobile} or {@code existing-only}
     * @param apiBaseUrl this app's API host, when it differs from {@code wegate.wechat.api-base-url}
     * @param authorizeBaseUrl this app's page host, when it differs
     */
    public record App(
            String id,
            String kind,
            String appId,
            String secret,
            String scope,
            String linkPolicy,
            URI apiBaseUrl,
            URI authorizeBaseUrl,
            WeComProperties.Callback callback,
            String offboarding) {

        public Kind kindValue() {
            return Kind.of(kind, "wegate.wechat.apps[" + id + "]");
        }
    }

    public WeChatProperties {
        apps = apps == null ? List.of() : List.copyOf(apps);
        WeComProperties.requireHttpUrl("wegate.wechat.api-base-url", apiBaseUrl);
        WeComProperties.requireHttpUrl("wegate.wechat.authorize-base-url", authorizeBaseUrl);
        Set<String> ids = new HashSet<>();
        List<App> checked = new java.util.ArrayList<>();
        for (int i = 0; i < apps.size(); i++) {
            App a = apps.get(i);
            String at = "wegate.wechat.apps[" + i + "]";
            checked.add(new App(
                    a.id(),
                    a.kind(),
                    a.appId(),
                    a.secret(),
                    a.scope(),
                    a.linkPolicy(),
                    a.apiBaseUrl(),
                    a.authorizeBaseUrl(),
                    WeComProperties.Callback.validated(a.callback(), at + ".callback"),
                    WeComProperties.offboarding(a.offboarding(), at + ".offboarding")));
            if (a.id() == null || !a.id().matches("[A-Za-z0-9-]{1,32}") || !ids.add(a.id())) {
                throw new IllegalArgumentException(at + ".id must be a unique name of letters, digits or dashes");
            }
            Kind kind = Kind.of(a.kind(), at);
            if (a.appId() == null || !a.appId().matches("wx[0-9a-fA-F]{16}")) {
                throw new IllegalArgumentException(at + ".app-id must be the app's AppID (wx + 16 hex digits)");
            }
            if (a.secret() == null || a.secret().isBlank()) {
                throw new IllegalArgumentException(at + ".secret (the AppSecret) is required");
            }
            if (a.scope() != null && kind == Kind.OFFICIAL_ACCOUNT) {
                WeChatOAuth2AuthorizeUrl.Scope.of(a.scope());
            }
            LinkPolicy.of(a.linkPolicy());
            WeComProperties.requireHttpUrl(at + ".api-base-url", a.apiBaseUrl());
            WeComProperties.requireHttpUrl(at + ".authorize-base-url", a.authorizeBaseUrl());
        }
        apps = List.copyOf(checked);
    }
}
