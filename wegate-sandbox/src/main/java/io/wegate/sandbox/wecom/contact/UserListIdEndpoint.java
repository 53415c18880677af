package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import io.wegate.sandbox.wecom.token.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /cgi-bin/user/list_id?access_token=} with {@code {"cursor","limit"}}: one row per (member, department),
 * paged by an opaque cursor; only the contact-sync token may call it, see <a
 * href="https://developer.work.weixin.qq.com/document/path/96067">获取成员ID列表</a>.
 */
public final class UserListIdEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/user/list_id";
    static final int MAX_LIMIT = 10_000;
    private static final String CURSOR_PREFIX = "wegate-list-id:";

    private final ContactAccess access;

    public UserListIdEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens) {
        super(errMsg);
        this.access = new ContactAccess(directory, tokens);
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        App app = access.authenticate(request, false);
        if (!access.directory().isContactSync(app)) {
            throw new WeComException(WeComError.API_FORBIDDEN);
        }
        JsonNode json;
        try {
            json = Json.parseObject(request.body());
        } catch (IllegalArgumentException e) {
            throw new WeComException(WeComError.DATA_FORMAT_ERROR);
        }
        int limit = limit(json.get("limit"));
        int offset = offset(Json.text(json, "cursor"));
        List<ObjectNode> rows = rows();
        int end = Math.min(rows.size(), offset + limit);
        ObjectNode body = Json.object().put("next_cursor", end < rows.size() ? cursor(end) : "");
        ArrayNode page = body.putArray("dept_user");
        rows.subList(Math.min(offset, end), end).forEach(page::add);
        return body;
    }

    private List<ObjectNode> rows() {
        List<ObjectNode> rows = new ArrayList<>();
        for (Member member : access.directory().members()) {
            for (int department : member.department()) {
                rows.add(Json.object().put("userid", member.userid()).put("department", department));
            }
        }
        return rows;
    }

    /** The page size; absent means the maximum. Out-of-range values answer WeCom's generic 40058. */
    private static int limit(JsonNode value) {
        if (value == null || value.isNull()) {
            return MAX_LIMIT;
        }
        if (!value.isIntegralNumber() || value.longValue() < 1 || value.longValue() > MAX_LIMIT) {
            throw new WeComException(WeComError.INVALID_PARAMETER, "invalid limit, must be 1 to 10000");
        }
        return value.intValue();
    }

    /** Real cursors are opaque; this one hides an offset, and a cursor the sandbox did not issue answers 40058. */
    private static int offset(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below; NumberFormatException is an IllegalArgumentException
        }
        throw new WeComException(WeComError.INVALID_PARAMETER, "invalid cursor");
    }

    private static String cursor(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }
}
