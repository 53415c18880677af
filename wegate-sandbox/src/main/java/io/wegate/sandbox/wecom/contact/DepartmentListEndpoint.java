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
 * {@code GET /cgi-bin/department/list?access_token=[&id=]}: the department and its sub-departments (recursive), or
 * every department the caller sees; see <a href="https://developer.work.weixin.qq.com/document/path/90208">获取部门列表</a>.
 */
public final class DepartmentListEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/department/list";

    private final ContactAccess access;

    public DepartmentListEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens) {
        super(errMsg);
        this.access = new ContactAccess(directory, tokens);
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        App app = access.authenticate(request, true);
        String id = request.param("id");
        Department root = id == null ? null : access.visibleDepartment(app, id);
        ObjectNode body = Json.object();
        ArrayNode departments = body.putArray("department");
        for (Department d : DepartmentJson.listed(app, root, access.directory())) {
            departments.add(DepartmentJson.full(d, app, access.directory()));
        }
        return body;
    }
}
