package io.wegate.sandbox.tooling;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.WeChatCodes;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.oauth.OAuthIdentity;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code wechat-miniprogram} flow, {@code {"appid"?,"user"}}: {@code wx.login} in a mini program; the code is for
 * {@code /sns/jscode2session}. See <a
 * href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session">code2Session</a>.
 */
public final class WeChatMiniProgramFlow implements CodeFlow {

    private final WeChatDirectory directory;
    private final WeChatCodes codes;

    public WeChatMiniProgramFlow(WeChatDirectory directory, WeChatCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public String name() {
        return "wechat-miniprogram";
    }

    @Override
    public ObjectNode issue(ObjectNode request) {
        App app = WeChatFlows.app(directory, request, Kind.MINIPROGRAM);
        User user = WeChatFlows.user(directory, request);
        WeChatCode code = codes.issue(Purpose.MINIPROGRAM, app.appid(), user.key(), null, false);
        ObjectNode response = Json.object()
                .put("flow", name())
                .put("code", code.value())
                .put("expires_in", Purpose.MINIPROGRAM.lifetime().toSeconds())
                .put("appid", app.appid());
        WeChatFlows.describe(response, OAuthIdentity.of(app, user, null, false));
        // A blocked (high-risk) user gets a code like anyone else; jscode2session refuses it with 40226.
        return response.put("blocked", user.blocked());
    }
}
