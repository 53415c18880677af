package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wecom.WeComDirectory;

/**
 * {@code GET /connect/oauth2/authorize}: the page the WeCom client shows for an OAuth link, see <a
 * href="https://developer.work.weixin.qq.com/document/path/91022">构造网页授权链接</a>. Rejections are readable HTML
 * pages with HTTP 400 (the real client shows its error page with 200; 400 lets scripted clients notice).
 */
public final class AuthorizePage implements Handler {

    public static final String PATH = "/connect/oauth2/authorize";

    private final WeComDirectory directory;

    public AuthorizePage(WeComDirectory directory) {
        this.directory = directory;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            AuthorizeRequest authorize = AuthorizeRequest.parse(request.query(), directory);
            return SandboxResponse.html(200, AuthorizeHtml.picker(authorize, directory));
        } catch (AuthorizeRejected e) {
            return rejectedPage(e);
        }
    }

    /** The readable error page of a refused request: HTTP 400, filed in the stats under {@code rejected}. */
    public static SandboxResponse rejectedPage(AuthorizeRejected e) {
        return SandboxResponse.html(400, AuthorizeHtml.rejected(e)).withErrorKey("rejected");
    }
}
