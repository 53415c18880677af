package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wecom.Domains;
import java.util.Map;

/**
 * A validated website-login URL ({@code /connect/qrconnect}), see <a
 * href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">网站应用微信登录</a> (fact sheet
 * B2). The texts are those of WeChat's error page; it shows no numbers.
 *
 * @param state the state to echo, or {@code null}
 */
public record WebsiteLoginRequest(Map<String, String> params, App app, String redirectUri, String state) {

    /** The parameters the QR code and the confirm form carry. */
    public static final String[] PARAMS = {"appid", "redirect_uri", "response_type", "scope", "state", "lang"};

    public WebsiteLoginRequest {
        params = Map.copyOf(params);
    }

    /** @throws WeChatPageRejected with the text the page shows */
    public static WebsiteLoginRequest parse(Map<String, String> params, WeChatDirectory directory) {
        App app = directory
                .app(params.get("appid"))
                .orElseThrow(() -> new WeChatPageRejected(
                        WeChatPageRejected.NO_NUMBER, "AppID参数错误", "appid is missing or not a website app"));
        // An official account's appid fails here with the scope error (B2), whatever the scope parameter says.
        if (app.kind() != Kind.WEBSITE || !"snsapi_login".equals(params.get("scope"))) {
            throw new WeChatPageRejected(
                    WeChatPageRejected.NO_NUMBER,
                    "Scope参数错误或没有Scope权限",
                    "scope must be snsapi_login, with a website app's appid");
        }
        if (!"code".equals(params.get("response_type"))) {
            throw new WeChatPageRejected(
                    WeChatPageRejected.NO_NUMBER, "response_type参数错误", "response_type must be code");
        }
        String redirectUri = params.get("redirect_uri");
        String domain = redirectUri == null ? null : Domains.of(redirectUri).orElse(null);
        if (domain == null || !directory.trusts(app.appid(), domain)) {
            throw new WeChatPageRejected(
                    WeChatPageRejected.NO_NUMBER,
                    "redirect_uri参数错误",
                    "the redirect_uri domain must be the website app's authorisation callback domain"
                            + (domain == null ? "" : " (got " + domain + ")"));
        }
        String state = params.get("state");
        return new WebsiteLoginRequest(params, app, redirectUri, state == null || state.isEmpty() ? null : state);
    }
}
