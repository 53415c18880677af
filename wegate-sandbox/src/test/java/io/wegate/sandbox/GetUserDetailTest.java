package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetUserDetailTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private String ticket(String agentId, String userid) {
        String code = wecom.code(agentId, userid, "snsapi_privateinfo");
        return wecom.exchange(wecom.token(agentId), code).get("user_ticket").asString();
    }

    private JsonNode detail(String token, String body) {
        return wecom.postJson("/cgi-bin/auth/getuserdetail?access_token=" + token, body);
    }

    @Test
    void getuserdetailWhenTicketValidThenSensitiveFields() {
        String ticket = ticket(NEW_APP, "zhangsan");

        JsonNode body = detail(wecom.token(NEW_APP), "{\"user_ticket\":\"" + ticket + "\"}");

        assertThat(body.get("errcode").asInt()).isZero();
        assertThat(body.get("userid").asString()).isEqualTo("zhangsan");
        assertThat(body.get("mobile").asString()).isEqualTo("13800138003");
        assertThat(body.get("email").asString()).isEqualTo("zhangsan@example.com");
        assertThat(body.get("gender").asString()).isEqualTo("1");
        for (String key : new String[] {"avatar", "qr_code", "biz_mail", "address"}) {
            assertThat(body.get(key).asString()).as(key).isNotBlank();
        }
    }

    @Test
    void getuserdetailWhenTicketOlderThan1800SecondsThenRejected() {
        String ticket = ticket(NEW_APP, "zhangsan");
        wecom.clock.advance(Duration.ofSeconds(1800));

        JsonNode body = detail(wecom.token(NEW_APP), "{\"user_ticket\":\"" + ticket + "\"}");

        assertThat(body.get("errcode").asInt()).isEqualTo(40058);
        assertThat(body.has("mobile")).isFalse();
    }

    @Test
    void getuserdetailWhenTicketIssuedToAnotherAppThenRejected() {
        String ticket = ticket(OLD_APP, "zhangsan");

        JsonNode body = detail(wecom.token(NEW_APP), "{\"user_ticket\":\"" + ticket + "\"}");

        assertThat(body.get("errcode").asInt()).isEqualTo(40058);
    }

    @Test
    void getuserdetailWhenBodyIsNotJsonThenDataFormatError() {
        JsonNode body = detail(wecom.token(NEW_APP), "{\"user_ticket\":");

        assertThat(body.get("errcode").asInt()).isEqualTo(47001);
        assertThat(body.get("errmsg").asString()).startsWith("data format error");
    }

    @Test
    void getuserdetailWhenTokenMissingThenAccessTokenMissing() {
        JsonNode body = wecom.postJson("/cgi-bin/auth/getuserdetail", "{\"user_ticket\":\"x\"}");

        assertThat(body.get("errcode").asInt()).isEqualTo(41001);
    }
}
