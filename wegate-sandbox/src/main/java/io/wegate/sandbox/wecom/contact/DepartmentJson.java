package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Departments as the department APIs show them to one app, see <a
 * href="https://developer.work.weixin.qq.com/document/path/90208">获取部门列表</a>.
 */
final class DepartmentJson {

    private DepartmentJson() {}

    /** {@code {id, name, name_en, department_leader, parentid, order}}; leaders outside the app's range are left out. */
    static ObjectNode full(Department department, App app, WeComDirectory directory) {
        ObjectNode json = Json.object()
                .put("id", department.id())
                .put("name", department.name())
                .put("name_en", department.nameEn());
        ArrayNode leaders = json.putArray("department_leader");
        department.departmentLeader().stream()
                .filter(userid -> directory
                        .member(userid)
                        .filter(m -> directory.canSee(app, m))
                        .isPresent())
                .forEach(leaders::add);
        return json.put("parentid", department.parentId()).put("order", department.order());
    }

    /** {@code {id, parentid, order}}, the shape of department/simplelist. */
    static ObjectNode simple(Department department) {
        return Json.object()
                .put("id", department.id())
                .put("parentid", department.parentId())
                .put("order", department.order());
    }

    /** The departments a list call returns: the subtree of {@code root}, or everything the app sees without one. */
    static List<Department> listed(App app, Department root, WeComDirectory directory) {
        List<Department> candidates = root != null
                ? directory.subtree(root.id())
                : directory.fixture().departments();
        return candidates.stream()
                .filter(d -> directory.canSeeDepartment(app, d.id()))
                .toList();
    }
}
