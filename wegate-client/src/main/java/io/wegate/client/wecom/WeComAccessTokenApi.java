package io.wegate.client.wecom;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import io.wegate.client.token.AccessToken;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /cgi-bin/gettoken}: an app access token from corpid and the app secret.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/91039">gettoken</a>
 */
public final class WeComAccessTokenApi {

    static final String PATH = "/cgi-bin/gettoken";

    private final ErrcodeJsonCaller http;
    private final Clock clock;

    WeComAccessTokenApi(ErrcodeJsonCaller http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Asks WeCom for the app's token. Callers should go through the provider, which caches it. */
    public AccessToken fetch(WeComApp app) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("corpid", app.corpId());
        q.put("corpsecret", app.secret());
        var node = http.get(PATH, q);
        String token = node.path("access_token").asString("");
        long expiresIn = node.path("expires_in").asLong(0);
        if (token.isEmpty() || expiresIn <= 0) {
            throw WeComException.malformed(PATH);
        }
        return AccessToken.of(token, clock.instant(), expiresIn);
    }
}
