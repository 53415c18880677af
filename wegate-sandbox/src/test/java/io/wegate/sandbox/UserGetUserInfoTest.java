package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The legacy {@code /cgi-bin/user/getuserinfo} (fact sheet A3.2): the old key spellings, the current code rules. */
class UserGetUserInfoTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private JsonNode legacyExchange(String token, String code) {
        return wecom.getJson("/cgi-bin/user/getuserinfo?access_token=" + token + "&code=" + code + "&agentid=1000002");
    }

    @Test
    void legacyGetuserinfoWhenMemberSignedInWithBaseScopeThenCapitalisedUserIdAndDeviceIdOnly() {
        JsonNode body = legacyExchange(wecom.token(NEW_APP), wecom.code(NEW_APP, "zhangsan", "snsapi_base"));

        assertThat(body.get("errcode").asInt()).isZero();
        assertThat(body.get("errmsg").asString()).isEqualTo("ok");
        assertThat(body.get("UserId").asString()).isEqualTo("zhangsan");
        assertThat(body.get("DeviceId").asString()).isNotBlank();
        assertThat(body.has("userid")).isFalse();
        assertThat(body.has("user_ticket")).isFalse();
        assertThat(body.has("expires_in")).isFalse();
    }

    @Test
    void legacyGetuserinfoWhenPrivateinfoAndMemberVisibleThenUserTicketWithTheLifetimeTheSandboxEnforces() {
        JsonNode body = legacyExchange(wecom.token(NEW_APP), wecom.code(NEW_APP, "zhangsan", "snsapi_privateinfo"));

        assertThat(body.get("user_ticket").asString()).isNotBlank();
        assertThat(body.get("expires_in").asInt()).isEqualTo(1800);
    }

    @Test
    void legacyGetuserinfoWhenPrivateinfoButMemberOutsideVisibleRangeThenNoUserTicket() {
        JsonNode body = legacyExchange(wecom.token(OLD_APP), wecom.code(OLD_APP, "wangwu", "snsapi_privateinfo"));

        assertThat(body.get("UserId").asString()).isEqualTo("wangwu");
        assertThat(body.has("user_ticket")).isFalse();
    }

    @Test
    void legacyGetuserinfoWhenTicketIssuedThenGetuserdetailAcceptsIt() {
        String token = wecom.token(NEW_APP);
        String ticket = legacyExchange(token, wecom.code(NEW_APP, "zhangsan", "snsapi_privateinfo"))
                .get("user_ticket")
                .asString();

        JsonNode detail = wecom.postJson(
                "/cgi-bin/auth/getuserdetail?access_token=" + token, "{\"user_ticket\":\"" + ticket + "\"}");

        assertThat(detail.get("errcode").asInt()).as(detail.toString()).isZero();
        assertThat(detail.get("userid").asString()).isEqualTo("zhangsan");
    }

    @Test
    void legacyGetuserinfoWhenNonMemberThenOpenIdDeviceIdAndExternalUserid() {
        JsonNode body = legacyExchange(
                wecom.token(NEW_APP), wecom.mint("{\"flow\":\"wecom-web\",\"agentid\":\"1000002\",\"guest\":true}"));

        assertThat(body.get("errcode").asInt()).isZero();
        assertThat(body.get("OpenId").asString())
                .isEqualTo(wecom.sandbox.fixture().guest().openid());
        assertThat(body.get("DeviceId").asString()).isNotBlank();
        assertThat(body.get("external_userid").asString())
                .isEqualTo(wecom.sandbox.fixture().guest().externalUserid());
        assertThat(body.has("openid")).isFalse();
        assertThat(body.has("UserId")).isFalse();
    }

    @Test
    void legacyGetuserinfoWhenCodeAlreadyRedeemedByTheCurrentEndpointThenInvalidCode() {
        String token = wecom.token(NEW_APP);
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");

        JsonNode current = wecom.exchange(token, code);
        JsonNode legacy = legacyExchange(token, code);

        assertThat(current.get("errcode").asInt()).isZero();
        assertThat(legacy.get("errcode").asInt()).isEqualTo(40029);
        assertThat(legacy.get("errmsg").asString()).startsWith("invalid code, hint: [");
    }

    @Test
    void legacyGetuserinfoWhenCodeOlderThanFiveMinutesOrOfAnotherAppThenInvalidCode() {
        String expired = wecom.code(NEW_APP, "zhangsan", "snsapi_base");
        String otherApps = wecom.code(NEW_APP, "lisi", "snsapi_base");
        wecom.clock.advance(Duration.ofSeconds(301));

        assertThat(legacyExchange(wecom.token(NEW_APP), expired).get("errcode").asInt())
                .isEqualTo(40029);
        assertThat(legacyExchange(wecom.token(OLD_APP), otherApps)
                        .get("errcode")
                        .asInt())
                .isEqualTo(40029);
    }

    @Test
    void legacyGetuserinfoWhenTokenInvalidThenCodeIsNotConsumedAndRetryWithFreshTokenSucceeds() {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");
        String stale = wecom.token(NEW_APP);
        wecom.sandbox.invalidateTokens();

        JsonNode rejected = legacyExchange(stale, code);
        JsonNode retried = legacyExchange(wecom.token(NEW_APP), code);

        assertThat(rejected.get("errcode").asInt()).isEqualTo(40014);
        assertThat(retried.get("UserId").asString()).isEqualTo("zhangsan");
    }

    @Test
    void legacyGetuserinfoWhenTokenOrCodeMissingThenMissingErrcodes() {
        assertThat(wecom.getJson("/cgi-bin/user/getuserinfo?code=abc")
                        .get("errcode")
                        .asInt())
                .isEqualTo(41001);
        assertThat(wecom.getJson("/cgi-bin/user/getuserinfo?access_token=" + wecom.token(NEW_APP))
                        .get("errcode")
                        .asInt())
                .isEqualTo(41008);
    }

    @Test
    void legacyGetuserinfoThenCountedInStatsUnderItsOwnPath() {
        String token = wecom.token(NEW_APP);
        legacyExchange(token, wecom.code(NEW_APP, "zhangsan", "snsapi_base"));
        legacyExchange(token, "unknown-code");

        JsonNode stats = wecom.getJson("/sandbox/stats");

        assertThat(stats.get("calls").get("/cgi-bin/user/getuserinfo").asLong()).isEqualTo(2);
        assertThat(stats.get("calls").has("/cgi-bin/auth/getuserinfo")).isFalse();
        assertThat(stats.get("errors")
                        .get("/cgi-bin/user/getuserinfo")
                        .get("40029")
                        .asLong())
                .isEqualTo(1);
    }
}
