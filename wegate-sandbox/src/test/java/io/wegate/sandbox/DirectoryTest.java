package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DirectoryTest {

    private TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private String contactSyncToken() {
        String secret = wecom.sandbox.fixture().contactSyncSecret().orElseThrow();
        JsonNode body = wecom.getJson("/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=" + secret);
        assertThat(body.get("errcode").asInt()).as(body.toString()).isZero();
        return body.get("access_token").asString();
    }

    private static List<Integer> ids(JsonNode array, String field) {
        List<Integer> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get(field).asInt()));
        return ids;
    }

    private static List<String> userids(JsonNode userlist) {
        List<String> ids = new ArrayList<>();
        userlist.forEach(node -> ids.add(node.get("userid").asString()));
        return ids;
    }

    @Test
    void departmentListThenWholeVisibleTreeAndSubtreeById() {
        JsonNode all = wecom.getJson("/cgi-bin/department/list?access_token=" + wecom.token(NEW_APP));
        JsonNode subtree = wecom.getJson("/cgi-bin/department/list?access_token=" + wecom.token(NEW_APP) + "&id=3");

        assertThat(all.get("errcode").asInt()).isZero();
        assertThat(ids(all.get("department"), "id")).containsExactly(1, 2, 3, 4);
        JsonNode root = all.get("department").get(0);
        assertThat(root.get("name").asString()).isEqualTo("示例科技");
        assertThat(root.get("name_en").asString()).isEqualTo("Example Tech");
        assertThat(root.get("parentid").asInt()).isZero();
        assertThat(root.get("order").asLong()).isEqualTo(100000000L);
        assertThat(root.get("department_leader").get(0).asString()).isEqualTo("zhouba");
        assertThat(ids(subtree.get("department"), "id")).containsExactly(3);
    }

    @Test
    void departmentListWhenAppSeesOnePartThenOnlyThatPartAndOutsideIdIsNoPrivilege() {
        String token = wecom.token(OLD_APP);

        JsonNode visible = wecom.getJson("/cgi-bin/department/list?access_token=" + token);
        JsonNode outside = wecom.getJson("/cgi-bin/department/list?access_token=" + token + "&id=3");
        JsonNode unknown = wecom.getJson("/cgi-bin/department/get?access_token=" + token + "&id=99");
        JsonNode notANumber = wecom.getJson("/cgi-bin/department/get?access_token=" + token + "&id=x");

        assertThat(ids(visible.get("department"), "id")).containsExactly(2);
        assertThat(outside.get("errcode").asInt()).isEqualTo(60011);
        assertThat(unknown.get("errcode").asInt()).isEqualTo(60003);
        assertThat(notANumber.get("errcode").asInt()).isEqualTo(60123);
    }

    @Test
    void departmentGetAndSimplelistThenShapesOfTheDocs() {
        String token = wecom.token(NEW_APP);

        JsonNode get = wecom.getJson("/cgi-bin/department/get?access_token=" + token + "&id=2");
        JsonNode simple = wecom.getJson("/cgi-bin/department/simplelist?access_token=" + token + "&id=1");

        assertThat(get.get("department").get("name").asString()).isEqualTo("研发部");
        assertThat(get.get("department").get("department_leader").get(0).asString())
                .isEqualTo("lisi");
        assertThat(ids(simple.get("department_id"), "id")).containsExactly(1, 2, 3, 4);
        assertThat(simple.get("department_id").get(1).get("parentid").asInt()).isEqualTo(1);
        assertThat(simple.get("department_id").get(1).has("name")).isFalse();
    }

    @Test
    void userSimplelistThenMembersDirectlyInTheDepartmentOnly() {
        String token = wecom.token(NEW_APP);

        JsonNode root = wecom.getJson(
                "/cgi-bin/user/simplelist?access_token=" + token + "&department_id=1&fetch_child=1&status=0");
        JsonNode rnd = wecom.getJson("/cgi-bin/user/simplelist?access_token=" + token + "&department_id=2");

        assertThat(userids(root.get("userlist"))).containsExactly("zhouba");
        assertThat(userids(rnd.get("userlist"))).containsExactly("lisi", "zhangsan", "sunqi");
        assertThat(rnd.get("userlist").get(0).get("name").asString()).isEqualTo("李四");
    }

    @Test
    void userListWhenNewAppThenSensitiveKeysRemovedAsInUserGet() {
        JsonNode newApp = wecom.getJson("/cgi-bin/user/list?access_token=" + wecom.token(NEW_APP) + "&department_id=2");
        JsonNode oldApp = wecom.getJson("/cgi-bin/user/list?access_token=" + wecom.token(OLD_APP) + "&department_id=2");

        JsonNode lisiNew = newApp.get("userlist").get(0);
        JsonNode lisiOld = oldApp.get("userlist").get(0);
        assertThat(lisiNew.get("userid").asString()).isEqualTo("lisi");
        assertThat(lisiNew.get("position").asString()).isEqualTo("研发经理");
        for (String key : new String[] {"mobile", "email", "avatar", "gender", "biz_mail", "qr_code", "address"}) {
            assertThat(lisiNew.has(key)).as(key).isFalse();
        }
        assertThat(lisiOld.get("mobile").asString()).isEqualTo("13800138002");
    }

    @Test
    void userListWhenDepartmentOutsideVisibleRangeOrMissingThenErrcodes() {
        String token = wecom.token(OLD_APP);

        JsonNode outside = wecom.getJson("/cgi-bin/user/list?access_token=" + token + "&department_id=3");
        JsonNode missing = wecom.getJson("/cgi-bin/user/simplelist?access_token=" + token);

        assertThat(outside.get("errcode").asInt()).isEqualTo(60011);
        assertThat(missing.get("errcode").asInt()).isEqualTo(60003);
    }

    @Test
    void contactSyncTokenThenSeesEverythingWithFullFields() {
        String token = contactSyncToken();

        JsonNode departments = wecom.getJson("/cgi-bin/department/list?access_token=" + token);
        JsonNode wangwu = wecom.getJson("/cgi-bin/user/get?access_token=" + token + "&userid=wangwu");

        assertThat(ids(departments.get("department"), "id")).containsExactly(1, 2, 3, 4);
        assertThat(wangwu.get("mobile").asString()).isEqualTo("13800138005");
    }

    @Test
    void listIdWithContactSyncTokenThenPagesThroughEveryMemberDepartmentPair() {
        String token = contactSyncToken();
        List<String> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String body = cursor == null ? "{\"limit\":3}" : "{\"cursor\":\"" + cursor + "\",\"limit\":3}";
            JsonNode page = wecom.postJson("/cgi-bin/user/list_id?access_token=" + token, body);
            assertThat(page.get("errcode").asInt()).as(page.toString()).isZero();
            page.get("dept_user")
                    .forEach(row -> rows.add(row.get("userid").asString() + "@"
                            + row.get("department").asInt()));
            cursor = page.get("next_cursor").asString();
            pages++;
        } while (!cursor.isEmpty());

        // Seven members, sunqi in two departments: eight rows, three pages of at most three.
        assertThat(pages).isEqualTo(3);
        assertThat(rows).hasSize(8).contains("sunqi@2", "sunqi@3", "wujiu@4");
    }

    @Test
    void listIdWithAppTokenThenApiForbidden() {
        JsonNode body = wecom.postJson("/cgi-bin/user/list_id?access_token=" + wecom.token(NEW_APP), "{\"limit\":10}");

        assertThat(body.get("errcode").asInt()).isEqualTo(48002);
        assertThat(body.get("errmsg").asString()).startsWith("api forbidden, hint: [");
    }

    @Test
    void contactSyncFromNewIpThenDetailReadsRefusedButIdListsAllowed() {
        wecom.close();
        SandboxFixture demo = SandboxFixture.demo();
        SandboxFixture.Corp corp = demo.corp();
        SandboxFixture newIp = new SandboxFixture(
                new SandboxFixture.Corp(corp.corpId(), corp.name(), corp.contactSyncSecret(), true),
                demo.departments(),
                demo.apps(),
                demo.members(),
                demo.guest(),
                demo.wechat());
        wecom = TestSandbox.start(b -> b.fixture(newIp));
        String token = contactSyncToken();

        for (String call : new String[] {
            "/cgi-bin/department/list?",
            "/cgi-bin/department/get?id=1&",
            "/cgi-bin/user/get?userid=lisi&",
            "/cgi-bin/user/list?department_id=2&",
            "/cgi-bin/user/simplelist?department_id=2&"
        }) {
            assertThat(wecom.getJson(call + "access_token=" + token)
                            .get("errcode")
                            .asInt())
                    .as(call)
                    .isEqualTo(48009);
        }
        assertThat(wecom.getJson("/cgi-bin/department/simplelist?access_token=" + token)
                        .get("errcode")
                        .asInt())
                .isZero();
        assertThat(wecom.postJson("/cgi-bin/user/list_id?access_token=" + token, "{}")
                        .get("dept_user")
                        .size())
                .isEqualTo(8);
        assertThat(wecom.getJson("/cgi-bin/user/get?access_token=" + wecom.token(NEW_APP) + "&userid=lisi")
                        .get("errcode")
                        .asInt())
                .isZero();
    }
}
