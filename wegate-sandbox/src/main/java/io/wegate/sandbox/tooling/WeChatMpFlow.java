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
import io.wegate.sandbox.wechat.oauth.OfficialAccountConsent;
import io.wegate.sandbox.wechat.oauth.OfficialAccountRequest;
import io.wegate.sandbox.wechat.oauth.WeChatPageRejected;
import io.wegate.sandbox.wecom.oauth.RedirectUris;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code wechat-mp} flow, {@code {"appid"?,"user","scope"?,"snapshot"?,"redirect_uri"?,"state"?}}: a WeChat user
 * authorising the official account, optionally on the snapshot page; see <a
 * href="https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html">网页授权</a>.
 */
public final class WeChatMpFlow implements CodeFlow {

    private final WeChatDirectory directory;
    private final OfficialAccountConsent consent;

    public WeChatMpFlow(WeChatDirectory directory, OfficialAccountConsent consent) {
        this.directory = directory;
        this.consent = consent;
    }

    @Override
    public String name() {
        return "wechat-mp";
    }

    @Override
    public ObjectNode issue(ObjectNode request) {
        App app = WeChatFlows.app(directory, request, Kind.OFFICIAL_ACCOUNT);
        User user = WeChatFlows.user(directory, request);
        String scope = JsonBodies.optionalText(request, "scope");
        Map<String, String> params = new HashMap<>();
        params.put("appid", app.appid());
        params.put("response_type", "code");
        params.put("scope", scope == null ? "snsapi_base" : scope);
        params.put("redirect_uri", WeChatFlows.redirectUri(directory, request, app));
        WeChatFlows.putIfPresent(params, "state", JsonBodies.optionalText(request, "state"));
        OfficialAccountRequest authorize;
        try {
            authorize = OfficialAccountRequest.parse(params, directory);
        } catch (WeChatPageRejected e) {
            throw HttpProblem.badRequest("The authorize page would refuse this: " + e.getMessage());
        }
        boolean snapshot = JsonBodies.flag(request, "snapshot");
        if (snapshot && !authorize.scope().value().equals("snsapi_userinfo")) {
            throw HttpProblem.badRequest(
                    "\"snapshot\" needs scope snsapi_userinfo: only its consent has a snapshot page");
        }
        WeChatCode code = consent.issue(authorize, user, snapshot);
        ObjectNode response = Json.object()
                .put("flow", name())
                .put("code", code.value())
                .put("expires_in", Purpose.OFFICIAL_ACCOUNT.lifetime().toSeconds())
                .put("scope", authorize.scope().value());
        WeChatFlows.describe(response, OAuthIdentity.of(app, user, authorize.scope(), snapshot));
        if (snapshot) {
            response.put("is_snapshotuser", 1);
        }
        return response.put(
                "redirect_url", RedirectUris.withCode(authorize.redirectUri(), code.value(), authorize.state()));
    }
}
