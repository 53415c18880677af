package io.wegate.client.wechat;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Mini-program login: {@code /sns/jscode2session} (appid + secret, no app token) and the phone
 * number through {@code /wxa/business/getuserphonenumber} (app token from stable_token).
 *
 * @see <a href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session">code2Session</a>
 * @see <a href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber">getPhoneNumber</a>
 */
public final class WeChatMiniProgramApi {

    static final String JSCODE2SESSION = "/sns/jscode2session";
    static final String PHONE_NUMBER = "/wxa/business/getuserphonenumber";

    private final ErrcodeJsonCaller http;
    private final WeChatTokens tokens;

    WeChatMiniProgramApi(ErrcodeJsonCaller http, WeChatTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** Exchanges a {@code wx.login} code (single use, 5 minutes). */
    public WeChatMiniProgramSession code2Session(WeChatApp app, String jsCode) {
        WeChatOAuthApi.requireShort("jsCode", jsCode);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", app.appId());
        q.put("secret", app.secret());
        q.put("js_code", jsCode);
        q.put("grant_type", "authorization_code");
        JsonNode n = http.get(JSCODE2SESSION, q);
        String openId = WeChatOAuthApi.text(n, "openid");
        String sessionKey = WeChatOAuthApi.text(n, "session_key");
        if (openId == null || sessionKey == null) {
            throw WeChatException.malformed(JSCODE2SESSION);
        }
        return new WeChatMiniProgramSession(openId, sessionKey, WeChatOAuthApi.text(n, "unionid"));
    }

    /**
     * The phone number behind a {@code getPhoneNumber} button code (single use, 5 minutes).
     *
     * @param openId when given, WeChat checks the code belongs to this user
     */
    public WeChatPhoneNumber phoneNumber(WeChatApp app, String phoneCode, String openId) {
        WeChatOAuthApi.requireShort("phoneCode", phoneCode);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", phoneCode);
        if (openId != null) {
            body.put("openid", openId);
        }
        JsonNode n = tokens.call(app, token -> http.post(PHONE_NUMBER, Map.of("access_token", token), body));
        JsonNode info = n.path("phone_info");
        if (!info.isObject()) {
            throw WeChatException.malformed(PHONE_NUMBER);
        }
        return WeChatMiniProgramCrypto.phone(info);
    }
}
