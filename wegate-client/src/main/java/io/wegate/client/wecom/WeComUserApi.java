package io.wegate.client.wecom;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Members: {@code /cgi-bin/user/get}.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90196">user/get</a>
 */
public final class WeComUserApi {

    static final String GET = "/cgi-bin/user/get";

    private final ErrcodeJsonCaller http;
    private final WeComTokens tokens;

    WeComUserApi(ErrcodeJsonCaller http, WeComTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** Reads one member; the app must be allowed to see them (else 60011). */
    public WeComUser get(WeComApp app, String userId) {
        if (userId == null || userId.isBlank() || userId.length() > 64) {
            throw new IllegalArgumentException("userId must be 1 to 64 characters");
        }
        JsonNode n = tokens.call(app, token -> {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("access_token", token);
            q.put("userid", userId);
            return http.get(GET, q);
        });
        return parse(n);
    }

    /** A member object as user/get and user/list return it. */
    static WeComUser parse(JsonNode n) {
        List<Integer> departments = new ArrayList<>();
        n.path("department").forEach(d -> departments.add(d.asInt()));
        JsonNode main = n.get("main_department");
        JsonNode status = n.get("status");
        return new WeComUser(
                WeComAuthApi.text(n, "userid"),
                WeComAuthApi.text(n, "name"),
                departments,
                main == null || main.isNull() ? null : main.asInt(),
                WeComAuthApi.text(n, "position"),
                WeComAuthApi.text(n, "alias"),
                status == null || status.isNull() ? null : status.asInt(),
                WeComAuthApi.text(n, "mobile"),
                WeComAuthApi.text(n, "email"),
                WeComAuthApi.text(n, "gender"),
                WeComAuthApi.text(n, "avatar"));
    }
}
