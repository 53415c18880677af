package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.token.AccessTokens;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/department/simplelist?access_token=[&id=]}: department ids only; still open to contact sync from a
 * new IP. See <a href="https://developer.work.weixin.qq.com/document/path/95350">获取子部门ID列表</a>.
 */
public final class DepartmentSimpleListEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/department/simplelist";

    private final ContactAccess access;

    public DepartmentSimpleListEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens) {
        super(errMsg);
        this.access = new ContactAccess(directory, tokens);
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        App app = access.authenticate(request, false);
        String id = request.param("id");
        Department root = id == null ? null : access.visibleDepartment(app, id);
        ObjectNode body = Json.object();
        ArrayNode ids = body.putArray("department_id");
        for (Department d : DepartmentJson.listed(app, root, access.directory())) {
            ids.add(DepartmentJson.simple(d));
        }
        return body;
    }
}
