package io.wegate.sandbox.tooling;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.oauth.OAuthIdentity;
import io.wegate.sandbox.wechat.oauth.QrConnectConfirm;
import io.wegate.sandbox.wechat.oauth.WeChatPageRejected;
import io.wegate.sandbox.wechat.oauth.WeChatScope;
import io.wegate.sandbox.wechat.oauth.WebsiteLoginRequest;
import io.wegate.sandbox.wecom.oauth.RedirectUris;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code wechat-open} flow, {@code {"appid"?,"user","redirect_uri"?,"state"?}}: a WeChat user scanning the website
 * app's QR login and confirming on the phone; see <a
 * href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">网站应用微信登录</a>.
 */
public final class WeChatOpenFlow implements CodeFlow {

    private final WeChatDirectory directory;
    private final QrConnectConfirm confirm;

    public WeChatOpenFlow(WeChatDirectory directory, QrConnectConfirm confirm) {
        this.directory = directory;
        this.confirm = confirm;
    }

    @Override
    public String name() {
        return "wechat-open";
    }

    @Override
    public ObjectNode issue(ObjectNode request) {
        App app = WeChatFlows.app(directory, request, Kind.WEBSITE);
        User user = WeChatFlows.user(directory, request);
        Map<String, String> params = new HashMap<>();
        params.put("appid", app.appid());
        params.put("response_type", "code");
        params.put("scope", WeChatScope.SNSAPI_LOGIN.value());
        params.put("redirect_uri", WeChatFlows.redirectUri(directory, request, app));
        WeChatFlows.putIfPresent(params, "state", JsonBodies.optionalText(request, "state"));
        WebsiteLoginRequest login;
        try {
            login = WebsiteLoginRequest.parse(params, directory);
        } catch (WeChatPageRejected e) {
            throw HttpProblem.badRequest("The QR login page would refuse this: " + e.getMessage());
        }
        WeChatCode code = confirm.issue(login, user);
        ObjectNode response = Json.object()
                .put("flow", name())
                .put("code", code.value())
                .put("expires_in", Purpose.WEBSITE.lifetime().toSeconds())
                .put("scope", WeChatScope.SNSAPI_LOGIN.value());
        WeChatFlows.describe(response, OAuthIdentity.of(app, user, WeChatScope.SNSAPI_LOGIN, false));
        return response.put("redirect_url", RedirectUris.withCode(login.redirectUri(), code.value(), login.state()));
    }
}
