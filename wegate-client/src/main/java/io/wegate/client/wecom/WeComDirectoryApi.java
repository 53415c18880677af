package io.wegate.client.wecom;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The directory: departments and their members. A self-built app sees only its visible range; apps
 * created since 2022-06-20 get members without the sensitive fields, as from user/get.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90208">department/list</a>
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90201">user/list</a>
 */
public final class WeComDirectoryApi {

    static final String DEPARTMENT_LIST = "/cgi-bin/department/list";
    static final String DEPARTMENT_SIMPLELIST = "/cgi-bin/department/simplelist";
    static final String USER_LIST = "/cgi-bin/user/list";

    private final ErrcodeJsonCaller http;
    private final WeComTokens tokens;

    WeComDirectoryApi(ErrcodeJsonCaller http, WeComTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** Every department the app can see, with names ({@code department/list}, whole tree). */
    public List<WeComDepartment> departments(WeComApp app) {
        JsonNode n = tokens.call(app, token -> http.get(DEPARTMENT_LIST, Map.of("access_token", token)));
        List<WeComDepartment> out = new ArrayList<>();
        n.path("department")
                .forEach(d -> out.add(new WeComDepartment(
                        d.path("id").asInt(),
                        WeComAuthApi.text(d, "name"),
                        d.path("parentid").asInt(),
                        d.path("order").asLong())));
        return out;
    }

    /** Department ids only ({@code department/simplelist}): what apps restricted from names use. */
    public List<WeComDepartment> departmentIds(WeComApp app) {
        JsonNode n = tokens.call(app, token -> http.get(DEPARTMENT_SIMPLELIST, Map.of("access_token", token)));
        List<WeComDepartment> out = new ArrayList<>();
        n.path("department_id")
                .forEach(d -> out.add(new WeComDepartment(
                        d.path("id").asInt(),
                        null,
                        d.path("parentid").asInt(),
                        d.path("order").asLong())));
        return out;
    }

    /** The members directly in one department ({@code user/list}, not recursive). */
    public List<WeComUser> members(WeComApp app, int departmentId) {
        JsonNode n = tokens.call(app, token -> {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("access_token", token);
            q.put("department_id", Integer.toString(departmentId));
            return http.get(USER_LIST, q);
        });
        List<WeComUser> out = new ArrayList<>();
        n.path("userlist").forEach(u -> out.add(WeComUserApi.parse(u)));
        return out;
    }
}
