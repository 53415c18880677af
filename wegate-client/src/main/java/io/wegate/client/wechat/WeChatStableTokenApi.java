package io.wegate.client.wechat;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import io.wegate.client.token.AccessToken;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /cgi-bin/stable_token}: the app access token. Unlike {@code /cgi-bin/token}, a call
 * does not invalidate the token other callers hold, so wegate never uses {@code /cgi-bin/token}.
 * {@code force_refresh} stays false: the provider's single-flight refresh makes it unnecessary.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken">getStableAccessToken</a>
 */
public final class WeChatStableTokenApi {

    static final String PATH = "/cgi-bin/stable_token";

    private final ErrcodeJsonCaller http;
    private final Clock clock;

    WeChatStableTokenApi(ErrcodeJsonCaller http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public AccessToken fetch(WeChatApp app) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credential");
        body.put("appid", app.appId());
        body.put("secret", app.secret());
        body.put("force_refresh", false);
        JsonNode n = http.post(PATH, Map.of(), body);
        String token = n.path("access_token").asString("");
        long expiresIn = n.path("expires_in").asLong(0);
        if (token.isEmpty() || expiresIn <= 0) {
            throw WeChatException.malformed(PATH);
        }
        return AccessToken.of(token, clock.instant(), expiresIn);
    }
}
