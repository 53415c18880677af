package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.token.AccessTokens;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/user/list?access_token=&department_id=}: full member objects of the department (not recursive),
 * reduced exactly like user/get for apps created from 2022-06-20; see <a
 * href="https://developer.work.weixin.qq.com/document/path/90201">获取部门成员详情</a>.
 */
public final class UserListEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/user/list";

    private final ContactAccess access;

    public UserListEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens) {
        super(errMsg);
        this.access = new ContactAccess(directory, tokens);
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        App app = access.authenticate(request, true);
        Department department = access.visibleDepartment(app, request.param("department_id"));
        WeComDirectory directory = access.directory();
        ObjectNode body = Json.object();
        ArrayNode users = body.putArray("userlist");
        for (Member member : directory.members()) {
            if (member.department().contains(department.id()) && directory.canSee(app, member)) {
                users.add(MemberJson.forApp(member, app, directory));
            }
        }
        return body;
    }
}
