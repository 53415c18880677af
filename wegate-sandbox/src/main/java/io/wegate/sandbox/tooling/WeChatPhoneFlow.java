package io.wegate.sandbox.tooling;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.WeChatCodes;
import io.wegate.sandbox.wechat.WeChatDirectory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code wechat-phone} flow, {@code {"appid"?,"user"}}: the user tapping the getPhoneNumber button; the code is for
 * {@code /wxa/business/getuserphonenumber}. See <a
 * href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber">getPhoneNumber</a>.
 */
public final class WeChatPhoneFlow implements CodeFlow {

    private final WeChatDirectory directory;
    private final WeChatCodes codes;

    public WeChatPhoneFlow(WeChatDirectory directory, WeChatCodes codes) {
        this.directory = directory;
        this.codes = codes;
    }

    @Override
    public String name() {
        return "wechat-phone";
    }

    @Override
    public ObjectNode issue(ObjectNode request) {
        App app = WeChatFlows.app(directory, request, Kind.MINIPROGRAM);
        User user = WeChatFlows.user(directory, request);
        WeChatCode code = codes.issue(Purpose.PHONE, app.appid(), user.key(), null, false);
        return Json.object()
                .put("flow", name())
                .put("code", code.value())
                .put("expires_in", Purpose.PHONE.lifetime().toSeconds())
                .put("appid", app.appid())
                .put("openid", user.openidFor(app.appid()))
                .put("phoneNumber", user.phoneNumber())
                .put("purePhoneNumber", user.phone())
                .put("countryCode", user.countryCode());
    }
}
