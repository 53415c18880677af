package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wecom.Domains;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated official-account authorize URL, see <a
 * href="https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html">网页授权</a>
 * (fact sheet B1.1). The page's error numbers and texts are WeChat's.
 *
 * @param params the original parameters, carried through the consent form unchanged
 * @param state the state to echo, or {@code null}
 */
public record OfficialAccountRequest(
        Map<String, String> params, App app, String redirectUri, WeChatScope scope, String state) {

    /** The hidden fields of the consent form. */
    public static final String[] PARAMS = {"appid", "redirect_uri", "response_type", "scope", "state", "forcePopup"};

    private static final Pattern STATE = Pattern.compile("[a-zA-Z0-9]*");

    public OfficialAccountRequest {
        params = Map.copyOf(params);
    }

    /** @throws WeChatPageRejected with the number and text the page shows */
    public static OfficialAccountRequest parse(Map<String, String> params, WeChatDirectory directory) {
        String appid = params.get("appid");
        if (appid == null || appid.isEmpty()) {
            throw new WeChatPageRejected(10012, "appid不能为空", "appid is empty");
        }
        App app = directory
                .app(appid)
                .orElseThrow(() -> new WeChatPageRejected(
                        WeChatPageRejected.NO_NUMBER, "appid无效", "appid is not an app of the sandbox"));
        if (app.kind() != Kind.OFFICIAL_ACCOUNT) {
            throw notOfficialAccount();
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || redirectUri.isEmpty()) {
            throw new WeChatPageRejected(10011, "redirect_uri不能为空", "redirect_uri is empty");
        }
        String scopeParam = params.get("scope");
        if (scopeParam == null || scopeParam.isEmpty()) {
            throw new WeChatPageRejected(10010, "scope不能为空", "scope is empty");
        }
        WeChatScope scope = WeChatScope.parse(scopeParam)
                .filter(s -> s != WeChatScope.SNSAPI_LOGIN)
                .orElseThrow(() -> new WeChatPageRejected(
                        10005, "此公众号并没有这些scope的权限", "scope must be snsapi_base or snsapi_userinfo"));
        if (!"code".equals(params.get("response_type"))) {
            throw new WeChatPageRejected(
                    WeChatPageRejected.NO_NUMBER, "response_type参数错误", "response_type must be code");
        }
        String state = params.get("state");
        if (state != null && (!STATE.matcher(state).matches() || state.getBytes(StandardCharsets.UTF_8).length > 128)) {
            throw new WeChatPageRejected(
                    WeChatPageRejected.NO_NUMBER,
                    "state参数错误",
                    "state may only contain a-z, A-Z and 0-9, at most 128 bytes");
        }
        String domain = Domains.of(redirectUri).orElse(null);
        if (domain == null || !directory.trusts(appid, domain)) {
            throw new WeChatPageRejected(
                    10003,
                    "redirect_uri域名与后台配置不一致",
                    "the redirect_uri domain must be one of the account's web authorisation domains"
                            + (domain == null ? "" : " (got " + domain + ")"));
        }
        return new OfficialAccountRequest(
                params, app, redirectUri, scope, state == null || state.isEmpty() ? null : state);
    }

    /** The page WeChat shows when a website or mini-program appid is used on the official-account URL. */
    public static WeChatPageRejected notOfficialAccount() {
        return new WeChatPageRejected(
                10016,
                "不支持微信开放平台的Appid，请使用公众号Appid",
                "this URL takes an official account's appid, not a website app's or a mini program's");
    }
}
