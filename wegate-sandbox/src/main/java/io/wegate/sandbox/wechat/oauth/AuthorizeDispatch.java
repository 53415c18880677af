package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;
import java.util.Optional;

/**
 * {@code GET /connect/oauth2/authorize}, one URL for two products: the appid decides. A WeChat official account gets
 * WeChat's consent page (<a
 * href="https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html">网页授权</a>);
 * another WeChat appid gets error 10016; anything else (the CorpID, or an appid nobody knows) goes to the WeCom page,
 * which explains what it expects.
 */
public final class AuthorizeDispatch implements Handler {

    private final WeChatDirectory directory;
    private final Handler wecomPage;

    public AuthorizeDispatch(WeChatDirectory directory, Handler wecomPage) {
        this.directory = directory;
        this.wecomPage = wecomPage;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        Optional<App> app = directory.app(request.param("appid"));
        if (app.isEmpty()) {
            return wecomPage.handle(request);
        }
        if (app.get().kind() != Kind.OFFICIAL_ACCOUNT) {
            return WeChatOAuthHtml.rejected(OfficialAccountRequest.notOfficialAccount());
        }
        try {
            OfficialAccountRequest authorize = OfficialAccountRequest.parse(request.query(), directory);
            return SandboxResponse.html(200, WeChatOAuthHtml.consent(authorize, directory));
        } catch (WeChatPageRejected e) {
            return WeChatOAuthHtml.rejected(e);
        }
    }
}
