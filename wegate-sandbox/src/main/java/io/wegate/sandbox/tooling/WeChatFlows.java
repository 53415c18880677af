package io.wegate.sandbox.tooling;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.oauth.OAuthIdentity;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the WeChat code flows share: finding the app and user a request names, and describing the ids the exchange will
 * return. See <a href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">网站应用微信登录</a>.
 */
final class WeChatFlows {

    private WeChatFlows() {}

    /** The {@code appid} of the request, or the fixture's first app of {@code kind} when absent. */
    static App app(WeChatDirectory directory, ObjectNode request, Kind kind) {
        String appid = JsonBodies.optionalText(request, "appid");
        if (appid == null) {
            return directory.fixture().wechatApps().stream()
                    .filter(a -> a.kind() == kind)
                    .findFirst()
                    .orElseThrow(() -> HttpProblem.badRequest("The fixture has no " + kind.value() + " app"));
        }
        App app = directory.app(appid).orElseThrow(() -> HttpProblem.badRequest("Unknown WeChat appid " + appid));
        if (app.kind() != kind) {
            throw HttpProblem.badRequest(
                    "App " + appid + " is a " + app.kind().value() + ", this flow needs a " + kind.value());
        }
        return app;
    }

    static User user(WeChatDirectory directory, ObjectNode request) {
        String key = JsonBodies.requiredText(request, "user");
        return directory
                .user(key)
                .orElseThrow(() -> HttpProblem.badRequest("Unknown WeChat user \"" + key
                        + "\"; the fixture has "
                        + directory.fixture().wechatUsers().stream()
                                .map(User::key)
                                .toList()));
    }

    /** The request's redirect_uri, or the app's first redirect domain. */
    static String redirectUri(WeChatDirectory directory, ObjectNode request, App app) {
        String given = JsonBodies.optionalText(request, "redirect_uri");
        if (given != null) {
            return given;
        }
        List<String> domains = directory.domains(app.appid());
        if (domains.isEmpty()) {
            throw HttpProblem.badRequest("App " + app.appid() + " has no redirect domain; give \"redirect_uri\"");
        }
        return "http://" + domains.getFirst() + "/";
    }

    static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    /** Adds the openid and, when the exchange will return one, the unionid. */
    static ObjectNode describe(ObjectNode response, OAuthIdentity identity) {
        response.put("openid", identity.openid());
        if (identity.unionid() != null) {
            response.put("unionid", identity.unionid());
        }
        return response;
    }
}
