package io.wegate.sandbox.wechat.miniprogram;

import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.WeChatCodes;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import io.wegate.sandbox.wechat.token.AppTokens;
import java.time.Clock;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /wxa/business/getuserphonenumber?access_token=<app token>} with {@code {"code","openid"?}}: the phone
 * number behind a getPhoneNumber code, see <a
 * href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber">getPhoneNumber</a>
 * (fact sheet B3.3). {@code countryCode} is the number 86, as in the doc's example.
 */
public final class GetUserPhoneNumberEndpoint extends WeChatEndpoint {

    public static final String PATH = "/wxa/business/getuserphonenumber";

    private final Clock clock;
    private final WeChatDirectory directory;
    private final AppTokens tokens;
    private final WeChatCodes codes;

    public GetUserPhoneNumberEndpoint(
            WeChatErrMsg errMsg, Clock clock, WeChatDirectory directory, AppTokens tokens, WeChatCodes codes) {
        super(errMsg);
        this.clock = clock;
        this.directory = directory;
        this.tokens = tokens;
        this.codes = codes;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        String appid = tokens.authenticate(request.param("access_token"));
        ObjectNode json;
        try {
            json = Json.parseObject(request.body());
        } catch (IllegalArgumentException e) {
            throw new WeChatException(WeChatError.DATA_FORMAT_ERROR);
        }
        String value = Json.text(json, "code");
        if (value == null || value.isEmpty()) {
            // B3.3 documents no "missing code" answer; an absent code is as invalid as a wrong one.
            throw new WeChatException(WeChatError.INVALID_CODE);
        }
        WeChatCode code = codes.find(value, appid, Purpose.PHONE);
        User user = directory.user(code.userKey()).orElseThrow(() -> new WeChatException(WeChatError.INVALID_CODE));
        String openid = Json.text(json, "openid");
        if (openid != null && !openid.isEmpty() && !openid.equals(user.openidFor(appid))) {
            // The optional openid is "checked against the code"; the errcode for a mismatch is not documented.
            throw new WeChatException(WeChatError.INVALID_OPENID);
        }
        codes.consume(code);
        ObjectNode phone = Json.object()
                .put("phoneNumber", user.phoneNumber())
                .put("purePhoneNumber", user.phone())
                .put("countryCode", Integer.parseInt(user.countryCode()));
        phone.putObject("watermark")
                .put("timestamp", clock.instant().getEpochSecond())
                .put("appid", appid);
        ObjectNode body = Json.object().put("errcode", 0).put("errmsg", "ok");
        body.set("phone_info", phone);
        return body;
    }
}
