package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.token.AccessTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/department/get?access_token=&id=}: one department, see <a
 * href="https://developer.work.weixin.qq.com/document/path/95351">获取单个部门详情</a>.
 */
public final class DepartmentGetEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/department/get";

    private final ContactAccess access;

    public DepartmentGetEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens) {
        super(errMsg);
        this.access = new ContactAccess(directory, tokens);
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        App app = access.authenticate(request, true);
        var department = access.visibleDepartment(app, request.param("id"));
        ObjectNode body = Json.object();
        body.set("department", DepartmentJson.full(department, app, access.directory()));
        return body;
    }
}
