package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UserGetTest {

    private static final String[] SENSITIVE = {
        "avatar", "thumb_avatar", "gender", "mobile", "email", "biz_mail", "qr_code", "address"
    };

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private JsonNode userGet(String agentId, String userid) {
        return wecom.getJson("/cgi-bin/user/get?access_token=" + wecom.token(agentId) + "&userid=" + userid);
    }

    @Test
    void userGetWhenAppCreatedAfterPrivacyRuleThenSensitiveKeysAbsent() {
        JsonNode body = userGet(NEW_APP, "zhangsan");

        assertThat(body.get("errcode").asInt()).isZero();
        assertThat(body.get("userid").asString()).isEqualTo("zhangsan");
        assertThat(body.get("name").asString()).isEqualTo("张三");
        assertThat(body.get("position").asString()).isEqualTo("后端工程师");
        assertThat(body.get("department").get(0).asInt()).isEqualTo(2);
        assertThat(body.get("status").asInt()).isEqualTo(1);
        for (String key : SENSITIVE) {
            assertThat(body.has(key)).as(key).isFalse();
        }
    }

    @Test
    void userGetWhenAppCreatedBeforePrivacyRuleThenSensitiveKeysPresent() {
        JsonNode body = userGet(OLD_APP, "zhangsan");

        assertThat(body.get("mobile").asString()).isEqualTo("13800138003");
        assertThat(body.get("email").asString()).isEqualTo("zhangsan@example.com");
        assertThat(body.get("gender").asString()).isEqualTo("1");
        assertThat(body.get("avatar").asString()).endsWith("/0");
        assertThat(body.get("thumb_avatar").asString()).endsWith("/100");
    }

    @Test
    void userGetWhenMemberOutsideVisibleRangeThenNoPrivilege() {
        JsonNode body = userGet(OLD_APP, "wangwu");

        assertThat(body.get("errcode").asInt()).isEqualTo(60011);
        assertThat(body.get("errmsg").asString()).startsWith("no privilege to access/modify contact/party/agent");
    }

    @Test
    void userGetWhenUseridUnknownThenUseridNotFound() {
        JsonNode body = userGet(NEW_APP, "nobody");

        assertThat(body.get("errcode").asInt()).isEqualTo(60111);
        assertThat(body.get("errmsg").asString()).startsWith("invalid string value `nobody`. userid not found");
    }

    @Test
    void userGetWhenUseridInOtherCaseThenFoundWithCanonicalUserid() {
        assertThat(userGet(NEW_APP, "ZhangSan").get("userid").asString()).isEqualTo("zhangsan");
    }

    @Test
    void userGetWhenMemberPartlyVisibleThenOnlyVisibleDepartmentsListed() {
        // sunqi is in 研发部 (2) and 产品部 (3); 1000003 sees only 2.
        JsonNode body = userGet(OLD_APP, "sunqi");

        assertThat(body.get("department").size()).isEqualTo(1);
        assertThat(body.get("department").get(0).asInt()).isEqualTo(2);
        assertThat(body.get("order").size()).isEqualTo(1);
        assertThat(body.get("is_leader_in_dept").size()).isEqualTo(1);
    }

    @Test
    void userGetWhenUseridMissingThenMissingUserid() {
        JsonNode body = wecom.getJson("/cgi-bin/user/get?access_token=" + wecom.token(NEW_APP));

        assertThat(body.get("errcode").asInt()).isEqualTo(41009);
    }
}
