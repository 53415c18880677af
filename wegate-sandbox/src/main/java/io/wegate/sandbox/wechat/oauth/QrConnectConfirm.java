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
 * {@code POST /connect/confirm}: the phone's answer to a website login; 302 to {@code redirect_uri?code&state} with a
 * 10-minute code, or, on denial, to {@code redirect_uri?state} (the older doc's behaviour, B2). See <a
 * href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">网站应用微信登录</a>.
 */
public final class QrConnectConfirm implements Handler {

    public static final String PATH = WeChatOAuthHtml.CONFIRM_PATH;

    private final WeChatDirectory directory;
    private final WeChatCodes codes;

    public QrConnectConfirm(WeChatDirectory directory, WeChatCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            Map<String, String> form = WeChatOAuthHtml.form(request);
            WebsiteLoginRequest login = WebsiteLoginRequest.parse(form, directory);
            if ("1".equals(form.get("deny"))) {
                return SandboxResponse.redirect(RedirectUris.withoutCode(login.redirectUri(), login.state()));
            }
            User user = directory
                    .user(form.get("user"))
                    .orElseThrow(() -> new WeChatPageRejected(
                            WeChatPageRejected.NO_NUMBER, "用户不存在", "pick one of the sandbox's WeChat users"));
            WeChatCode code = issue(login, user);
            return SandboxResponse.redirect(RedirectUris.withCode(login.redirectUri(), code.value(), login.state()));
        } catch (WeChatPageRejected e) {
            return WeChatOAuthHtml.rejected(e);
        }
    }

    /** A code as this page issues it; shared with the {@code wechat-open} tooling flow. */
    public WeChatCode issue(WebsiteLoginRequest login, User user) {
        return codes.issue(Purpose.WEBSITE, login.app().appid(), user.key(), WeChatScope.SNSAPI_LOGIN, false);
    }
}
