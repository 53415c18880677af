package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.WeChatCodes;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wecom.oauth.RedirectUris;
import java.util.Map;

/**
 * {@code POST /connect/oauth2/authorize/consent}: the user's answer on the official account's page; 302 to {@code
 * redirect_uri?code&state}. "Snapshot page only" issues a code for the virtual snapshot account (B1.1). The hidden
 * fields are validated again: a form can be tampered with. See <a
 * href="https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html">网页授权</a>.
 */
public final class OfficialAccountConsent implements Handler {

    public static final String PATH = WeChatOAuthHtml.CONSENT_PATH;

    private final WeChatDirectory directory;
    private final WeChatCodes codes;

    public OfficialAccountConsent(WeChatDirectory directory, WeChatCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            Map<String, String> form = WeChatOAuthHtml.form(request);
            OfficialAccountRequest authorize = OfficialAccountRequest.parse(form, directory);
            if ("1".equals(form.get("deny"))) {
                // B1 does not say what a refusal does; like the website login's older doc (B2), only state comes back.
                return SandboxResponse.redirect(RedirectUris.withoutCode(authorize.redirectUri(), authorize.state()));
            }
            boolean snapshot = form.get("snapshot") != null;
            if (snapshot && authorize.scope() != WeChatScope.SNSAPI_USERINFO) {
                throw new WeChatPageRejected(
                        WeChatPageRejected.NO_NUMBER,
                        "快照页仅适用于snsapi_userinfo",
                        "the snapshot page exists only for scope snsapi_userinfo");
            }
            User user = user(snapshot ? form.get("snapshot") : form.get("user"));
            WeChatCode code = issue(authorize, user, snapshot);
            return SandboxResponse.redirect(
                    RedirectUris.withCode(authorize.redirectUri(), code.value(), authorize.state()));
        } catch (WeChatPageRejected e) {
            return WeChatOAuthHtml.rejected(e);
        }
    }

    /** A code as this page issues it; shared with the {@code wechat-mp} tooling flow. */
    public WeChatCode issue(OfficialAccountRequest authorize, User user, boolean snapshot) {
        return codes.issue(Purpose.OFFICIAL_ACCOUNT, authorize.app().appid(), user.key(), authorize.scope(), snapshot);
    }

    private User user(String key) {
        return directory
                .user(key)
                .orElseThrow(() -> new WeChatPageRejected(
                        WeChatPageRejected.NO_NUMBER, "用户不存在", "pick one of the sandbox's WeChat users"));
    }
}
