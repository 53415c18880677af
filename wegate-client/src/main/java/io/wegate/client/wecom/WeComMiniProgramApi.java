package io.wegate.client.wecom;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /cgi-bin/miniprogram/jscode2session}: a {@code wx.qy.login} code for the corp and
 * member, with the token of the WeCom app the mini program is associated with.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/91507">code2Session</a>
 */
public final class WeComMiniProgramApi {

    static final String JSCODE2SESSION = "/cgi-bin/miniprogram/jscode2session";

    private final ErrcodeJsonCaller http;
    private final WeComTokens tokens;

    WeComMiniProgramApi(ErrcodeJsonCaller http, WeComTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    public WeComMiniProgramSession code2Session(WeComApp app, String jsCode) {
        WeComAuthApi.requireShortToken("jsCode", jsCode);
        JsonNode n = tokens.call(app, token -> {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("access_token", token);
            q.put("js_code", jsCode);
            q.put("grant_type", "authorization_code");
            return http.get(JSCODE2SESSION, q);
        });
        String userId = WeComAuthApi.text(n, "userid");
        String sessionKey = WeComAuthApi.text(n, "session_key");
        if (userId == null || sessionKey == null) {
            throw WeComException.malformed(JSCODE2SESSION);
        }
        return new WeComMiniProgramSession(WeComAuthApi.text(n, "corpid"), userId, sessionKey);
    }
}
