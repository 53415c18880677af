package io.wegate.sandbox.wecom.sso;

import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.oauth.AuthorizePage;
import io.wegate.sandbox.wecom.oauth.AuthorizeRejected;

/**
 * {@code GET /wwlogin/sso/confirm}: what a phone shows after scanning the QR code of {@link SsoLoginPage}, see <a
 * href="https://developer.work.weixin.qq.com/document/path/98152">doc 98152</a>. Confirming redirects the phone's
 * browser to the callback; the sandbox has no channel back to the desktop page.
 */
public final class SsoConfirmPage implements Handler {

    public static final String PATH = SsoHtml.CONFIRM_PATH;

    private final WeComDirectory directory;

    public SsoConfirmPage(WeComDirectory directory) {
        this.directory = directory;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            SsoLoginRequest login = SsoLoginRequest.parse(request.query(), directory, false);
            return SandboxResponse.html(200, SsoHtml.phonePage(login, directory));
        } catch (AuthorizeRejected e) {
            return AuthorizePage.rejectedPage(e);
        }
    }
}
