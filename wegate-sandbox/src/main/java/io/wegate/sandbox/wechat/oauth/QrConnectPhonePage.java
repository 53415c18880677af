package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;

/**
 * {@code GET /connect/confirm}: what WeChat on a phone shows after scanning the website login's QR code, see <a
 * href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">网站应用微信登录</a>. Confirming
 * redirects the phone's browser to the callback; the sandbox has no channel back to the desktop page.
 */
public final class QrConnectPhonePage implements Handler {

    public static final String PATH = WeChatOAuthHtml.CONFIRM_PATH;

    private final WeChatDirectory directory;

    public QrConnectPhonePage(WeChatDirectory directory) {
        this.directory = directory;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            WebsiteLoginRequest login = WebsiteLoginRequest.parse(request.query(), directory);
            return SandboxResponse.html(200, WeChatOAuthHtml.phonePage(login, directory));
        } catch (WeChatPageRejected e) {
            return WeChatOAuthHtml.rejected(e);
        }
    }
}
