package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A member as the contact API shows it to one app: only the departments the app can see, and without the sensitive
 * keys for apps created from 2022-06-20 (the keys are absent, not empty), see <a
 * href="https://developer.work.weixin.qq.com/document/path/90196">读取成员</a>.
 */
final class MemberJson {

    private MemberJson() {}

    static ObjectNode forApp(Member member, App app, WeComDirectory directory) {
        List<Integer> visible = directory.visibleDepartmentIndexes(app, member);
        ObjectNode json = Json.object().put("userid", member.userid()).put("name", member.name());
        ArrayNode department = json.putArray("department");
        ArrayNode order = json.putArray("order");
        ArrayNode leader = json.putArray("is_leader_in_dept");
        for (int i : visible) {
            department.add(member.department().get(i));
            order.add(member.order().get(i));
            leader.add(member.isLeaderInDept().get(i));
        }
        json.put("position", member.position()).put("status", member.status());
        ArrayNode directLeader = json.putArray("direct_leader");
        member.directLeader().forEach(directLeader::add);
        if (directory.canSeeDepartment(app, member.mainDepartment())) {
            json.put("main_department", member.mainDepartment());
        }
        json.put("alias", member.alias()).put("telephone", member.telephone());
        if (!app.privacyRuleApplies()) {
            json.put("mobile", member.mobile())
                    .put("gender", member.gender())
                    .put("email", member.email())
                    .put("biz_mail", member.bizMail())
                    .put("avatar", member.avatar())
                    .put("thumb_avatar", member.thumbAvatar())
                    .put("qr_code", member.qrCode())
                    .put("address", member.address());
        }
        // Legacy keys real responses still carry (fact sheet A5); staff call isleader and hide_mobile deprecated.
        json.put("enable", member.status() == 2 ? 0 : 1)
                .put("isleader", member.isLeaderInDept().contains(1) ? 1 : 0)
                .put("hide_mobile", 0);
        json.putObject("extattr").putArray("attrs");
        json.put("external_position", "");
        json.putObject("external_profile").put("external_corp_name", "").putArray("external_attr");
        return json;
    }
}
