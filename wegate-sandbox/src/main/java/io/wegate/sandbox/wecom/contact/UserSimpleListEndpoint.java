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
 * {@code GET /cgi-bin/user/simplelist?access_token=&department_id=}: the members directly in the department (not
 * recursive; the legacy {@code fetch_child} and {@code status} are accepted and ignored), without field removal; see <a
 * href="https://developer.work.weixin.qq.com/document/path/90200">获取部门成员</a>.
 */
public final class UserSimpleListEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/user/simplelist";

    private final ContactAccess access;

    public UserSimpleListEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens) {
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
                ObjectNode json =
                        users.addObject().put("userid", member.userid()).put("name", member.name());
                ArrayNode departments = json.putArray("department");
                directory
                        .visibleDepartmentIndexes(app, member)
                        .forEach(i -> departments.add(member.department().get(i)));
            }
        }
        return body;
    }
}
