package io.wegate.client.wecom;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Identity from a WeCom login code: {@code /cgi-bin/auth/getuserinfo} and
 * {@code /cgi-bin/auth/getuserdetail}. Both use the token of the app that received the code.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/91023">getuserinfo</a>
 * @see <a href="https://developer.work.weixin.qq.com/document/path/95833">getuserdetail</a>
 */
public final class WeComAuthApi {

    static final String GET_USER_INFO = "/cgi-bin/auth/getuserinfo";
    static final String GET_USER_DETAIL = "/cgi-bin/auth/getuserdetail";

    /** Codes and tickets are at most 512 bytes (doc 91023). */
    public static final int MAX_CODE_BYTES = 512;

    private final ErrcodeJsonCaller http;
    private final WeComTokens tokens;

    WeComAuthApi(ErrcodeJsonCaller http, WeComTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** Exchanges a login code (single use, 5 minutes) for the member or non-member it belongs to. */
    public WeComUserInfo getUserInfo(WeComApp app, String code) {
        requireShortToken("code", code);
        JsonNode n = tokens.call(app, token -> {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("access_token", token);
            q.put("code", code);
            return http.get(GET_USER_INFO, q);
        });
        // the current endpoint says userid, the legacy one UserId; accept both
        String userId = text(n, "userid", "UserId");
        if (userId != null) {
            return new WeComUserInfo.Member(userId, text(n, "user_ticket"), text(n, "DeviceId", "deviceid"));
        }
        String openId = text(n, "openid", "OpenId");
        if (openId != null) {
            return new WeComUserInfo.NonMember(openId, text(n, "external_userid"));
        }
        throw WeComException.malformed(GET_USER_INFO);
    }

    /** Reads the member's consented sensitive fields with a {@code user_ticket} (valid 1800 s). */
    public WeComUserDetail getUserDetail(WeComApp app, String userTicket) {
        requireShortToken("userTicket", userTicket);
        JsonNode n = tokens.call(
                app,
                token -> http.post(GET_USER_DETAIL, Map.of("access_token", token), Map.of("user_ticket", userTicket)));
        return new WeComUserDetail(
                text(n, "userid"),
                text(n, "gender"),
                text(n, "avatar"),
                text(n, "qr_code"),
                text(n, "mobile"),
                text(n, "email"),
                text(n, "biz_mail"),
                text(n, "address"));
    }

    static void requireShortToken(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_CODE_BYTES) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_CODE_BYTES + " bytes");
        }
    }

    /** The first of {@code names} present with a non-empty text value, else null. */
    static String text(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && !v.isNull()) {
                String s = v.asString("");
                if (!s.isEmpty()) {
                    return s;
                }
            }
        }
        return null;
    }
}
