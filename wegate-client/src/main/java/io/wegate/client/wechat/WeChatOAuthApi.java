package io.wegate.client.wechat;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Web OAuth of official accounts and Open Platform website apps: {@code /sns/oauth2/access_token},
 * {@code /sns/oauth2/refresh_token}, {@code /sns/userinfo}, {@code /sns/auth}. None of them needs
 * the app access token.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">web OAuth</a>
 */
public final class WeChatOAuthApi {

    static final String ACCESS_TOKEN = "/sns/oauth2/access_token";
    static final String REFRESH_TOKEN = "/sns/oauth2/refresh_token";
    static final String USERINFO = "/sns/userinfo";
    static final String AUTH = "/sns/auth";

    private final ErrcodeJsonCaller http;

    WeChatOAuthApi(ErrcodeJsonCaller http) {
        this.http = http;
    }

    /** Exchanges a login code (single use; 5 minutes, 10 for website login) for a web-auth token. */
    public WeChatOAuthToken exchangeCode(WeChatApp app, String code) {
        requireShort("code", code);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", app.appId());
        q.put("secret", app.secret());
        q.put("code", code);
        q.put("grant_type", "authorization_code");
        return token(ACCESS_TOKEN, http.get(ACCESS_TOKEN, q));
    }

    /** A fresh web-auth token from a refresh token (no secret needed). */
    public WeChatOAuthToken refresh(WeChatApp app, String refreshToken) {
        requireShort("refreshToken", refreshToken);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", app.appId());
        q.put("grant_type", "refresh_token");
        q.put("refresh_token", refreshToken);
        return token(REFRESH_TOKEN, http.get(REFRESH_TOKEN, q));
    }

    /** The user's profile; 48001 when the token's scope was {@code snsapi_base}. */
    public WeChatUserInfo userInfo(String webAccessToken, String openId) {
        requireShort("webAccessToken", webAccessToken);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("access_token", webAccessToken);
        q.put("openid", openId);
        q.put("lang", "zh_CN");
        JsonNode n = http.get(USERINFO, q);
        List<String> privilege = new ArrayList<>();
        n.path("privilege").forEach(p -> privilege.add(p.asString("")));
        return new WeChatUserInfo(
                text(n, "openid"),
                text(n, "nickname"),
                n.path("sex").asInt(0),
                text(n, "province"),
                text(n, "city"),
                text(n, "country"),
                text(n, "headimgurl"),
                privilege,
                text(n, "unionid"));
    }

    /** Whether the web-auth token is still valid for {@code openId}. */
    public boolean isValid(String webAccessToken, String openId) {
        try {
            http.get(AUTH, Map.of("access_token", webAccessToken, "openid", openId));
            return true;
        } catch (WeChatException e) {
            boolean invalid = e.isTokenRejected() || e.known() == WeChatErrcode.INVALID_OPENID;
            if (!invalid) {
                throw e;
            }
            return false;
        }
    }

    private static WeChatOAuthToken token(String path, JsonNode n) {
        String accessToken = text(n, "access_token");
        String openId = text(n, "openid");
        if (accessToken == null || openId == null) {
            throw WeChatException.malformed(path);
        }
        return new WeChatOAuthToken(
                accessToken,
                n.path("expires_in").asLong(0),
                text(n, "refresh_token"),
                openId,
                text(n, "scope"),
                text(n, "unionid"),
                n.path("is_snapshotuser").asInt(0) == 1);
    }

    static void requireShort(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > 512) {
            throw new IllegalArgumentException(name + " must be at most 512 bytes");
        }
    }

    static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asString("");
        return s.isEmpty() ? null : s;
    }
}
