package io.wegate.sandbox.tooling;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.miniprogram.MiniProgramSessions;
import io.wegate.sandbox.wechat.miniprogram.OpenData;
import io.wegate.sandbox.wechat.oauth.OAuthIdentity;
import java.time.Clock;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /sandbox/encrypted-data} {@code {"appid"?,"user","kind":"phone"|"userinfo","watermark_appid"?}}: plays
 * the legacy {@code wx.getPhoneNumber} / {@code wx.getUserInfo}, returning {@code encryptedData} and {@code iv}
 * encrypted with the user's current session_key (B3.2); see <a
 * href="https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html">开放数据校验与解密</a>.
 * 409 when the user has no session yet: the client must call {@code /sns/jscode2session} first.
 */
public final class EncryptedDataEndpoint {

    public static final String PATH = "/sandbox/encrypted-data";

    private final Clock clock;
    private final WeChatDirectory directory;
    private final MiniProgramSessions sessions;

    public EncryptedDataEndpoint(Clock clock, WeChatDirectory directory, MiniProgramSessions sessions) {
        this.clock = clock;
        this.directory = directory;
        this.sessions = sessions;
    }

    public SandboxResponse post(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        App app = WeChatFlows.app(directory, body, Kind.MINIPROGRAM);
        User user = WeChatFlows.user(directory, body);
        String kind = JsonBodies.requiredText(body, "kind");
        String sessionKey = sessions.current(app.appid(), user.key())
                .map(MiniProgramSessions.Session::sessionKey)
                .orElseThrow(() -> new HttpProblem(
                        409,
                        "no_session",
                        "User " + user.key() + " has no session in " + app.appid()
                                + ": exchange a wechat-miniprogram code at /sns/jscode2session first"));
        String watermarkAppid = JsonBodies.optionalText(body, "watermark_appid");
        ObjectNode watermark = Json.object()
                .put("appid", watermarkAppid != null ? watermarkAppid : app.appid())
                .put("timestamp", clock.instant().getEpochSecond());
        ObjectNode response = Json.object();
        ObjectNode plaintext;
        switch (kind) {
            case "phone" ->
                plaintext = Json.object()
                        .put("phoneNumber", user.phoneNumber())
                        .put("purePhoneNumber", user.phone())
                        .put("countryCode", user.countryCode());
            case "userinfo" -> {
                ObjectNode raw = rawUserInfo(user);
                String rawData = Json.mapper().writeValueAsString(raw);
                response.put("rawData", rawData).put("signature", OpenData.rawDataSignature(rawData, sessionKey));
                plaintext = Json.object().put("openId", user.openidFor(app.appid()));
                plaintext.setAll(raw);
                String unionid = OAuthIdentity.of(app, user, null, false).unionid();
                if (unionid != null) {
                    plaintext.put("unionId", unionid);
                }
            }
            default -> throw HttpProblem.badRequest("\"kind\" must be \"phone\" or \"userinfo\"");
        }
        plaintext.set("watermark", watermark);
        OpenData.Encrypted encrypted =
                OpenData.encrypt(sessionKey, Json.mapper().writeValueAsString(plaintext));
        response.put("encryptedData", encrypted.encryptedData()).put("iv", encrypted.iv());
        return SandboxResponse.json(200, response);
    }

    /** The public profile of the legacy getUserInfo, in its camelCase field names. */
    private static ObjectNode rawUserInfo(User user) {
        return Json.object()
                .put("nickName", user.nickname())
                .put("gender", user.sex())
                .put("language", "zh_CN")
                .put("city", user.city())
                .put("province", user.province())
                .put("country", user.country())
                .put("avatarUrl", user.headimgurl());
    }
}
