package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetUserInfoTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    @Test
    void getuserinfoWhenMemberSignedInWithBaseScopeThenUseridOnly() {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");

        JsonNode body = wecom.exchange(wecom.token(NEW_APP), code);

        assertThat(body.get("errcode").asInt()).isZero();
        assertThat(body.get("errmsg").asString()).isEqualTo("ok");
        assertThat(body.get("userid").asString()).isEqualTo("zhangsan");
        assertThat(body.has("user_ticket")).isFalse();
    }

    @Test
    void getuserinfoWhenCodeUsedTwiceThenSecondIsInvalidCode() {
        String token = wecom.token(NEW_APP);
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");

        JsonNode first = wecom.exchange(token, code);
        JsonNode second = wecom.exchange(token, code);

        assertThat(first.get("errcode").asInt()).isZero();
        assertThat(second.get("errcode").asInt()).isEqualTo(40029);
        assertThat(second.get("errmsg").asString()).startsWith("invalid code, hint: [");
    }

    @Test
    void getuserinfoWhenCodeOlderThanFiveMinutesThenInvalidCode() {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");
        wecom.clock.advance(Duration.ofSeconds(301));

        assertThat(wecom.exchange(wecom.token(NEW_APP), code).get("errcode").asInt())
                .isEqualTo(40029);
    }

    @Test
    void getuserinfoWhenCodeIsJustUnderFiveMinutesOldThenAccepted() {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");
        wecom.clock.advance(Duration.ofSeconds(299));

        assertThat(wecom.exchange(wecom.token(NEW_APP), code).get("errcode").asInt())
                .isZero();
    }

    @Test
    void getuserinfoWhenCodeOfAppAExchangedWithTokenOfAppBThenInvalidCode() {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");

        assertThat(wecom.exchange(wecom.token(OLD_APP), code).get("errcode").asInt())
                .isEqualTo(40029);
    }

    @Test
    void getuserinfoWhenRedirectDomainNotTrustedByExchangingAppThenRedirectUriUnauthorized() {
        // Without agentid the page cannot check the domain; the exchange does.
        String code = wecom.mint("{\"flow\":\"wecom-web\",\"userid\":\"zhangsan\","
                + "\"redirect_uri\":\"https://other.example.com/cb\"}");

        JsonNode body = wecom.exchange(wecom.token(NEW_APP), code);

        assertThat(body.get("errcode").asInt()).isEqualTo(50001);
        assertThat(body.get("errmsg").asString()).startsWith("redirect_uri unauthorized, hint: [");
    }

    @Test
    void getuserinfoWhenDomainAddedAtRuntimeThenCodeWithoutAgentidAccepted() {
        wecom.sandbox.addTrustedDomain(NEW_APP, "other.example.com");
        assertThat(wecom.sandbox.trustedDomains(NEW_APP)).containsExactly("localhost:8080", "other.example.com");
        String code = wecom.mint(
                "{\"flow\":\"wecom-web\",\"userid\":\"lisi\"," + "\"redirect_uri\":\"https://other.example.com/cb\"}");

        assertThat(wecom.exchange(wecom.token(NEW_APP), code).get("userid").asString())
                .isEqualTo("lisi");
    }

    @Test
    void getuserinfoWhenTokenInvalidThenCodeIsNotConsumedAndRetryWithFreshTokenSucceeds() {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");
        String stale = wecom.token(NEW_APP);
        wecom.sandbox.invalidateTokens();

        JsonNode rejected = wecom.exchange(stale, code);
        JsonNode retried = wecom.exchange(wecom.token(NEW_APP), code);

        assertThat(rejected.get("errcode").asInt()).isEqualTo(40014);
        assertThat(retried.get("userid").asString()).isEqualTo("zhangsan");
    }

    @Test
    void getuserinfoWhenTokenExpiredThenAccessTokenExpired() {
        String token = wecom.token(NEW_APP);
        wecom.clock.advance(Duration.ofSeconds(7200));
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_base");

        assertThat(wecom.exchange(token, code).get("errcode").asInt()).isEqualTo(42001);
    }

    @Test
    void getuserinfoWhenTokenOrCodeMissingThenMissingErrcodes() {
        assertThat(wecom.getJson("/cgi-bin/auth/getuserinfo?code=abc")
                        .get("errcode")
                        .asInt())
                .isEqualTo(41001);
        assertThat(wecom.getJson("/cgi-bin/auth/getuserinfo?access_token=" + wecom.token(NEW_APP))
                        .get("errcode")
                        .asInt())
                .isEqualTo(41008);
        assertThat(wecom.exchange("unknown-token", "abc").get("errcode").asInt())
                .isEqualTo(40014);
    }

    @Test
    void getuserinfoWhenNonMemberSignedInThenStableOpenidAndExternalUserid() {
        String token = wecom.token(NEW_APP);

        JsonNode first =
                wecom.exchange(token, wecom.mint("{\"flow\":\"wecom-web\",\"agentid\":\"1000002\",\"guest\":true}"));
        JsonNode second = wecom.exchange(
                token, wecom.mint("{\"flow\":\"wecom-web\",\"agentid\":\"1000002\",\"userid\":null,\"guest\":true}"));

        assertThat(first.get("errcode").asInt()).isZero();
        assertThat(first.has("userid")).isFalse();
        assertThat(first.get("openid").asString())
                .isNotBlank()
                .isEqualTo(second.get("openid").asString());
        assertThat(first.get("external_userid").asString()).isNotBlank();
    }

    @Test
    void getuserinfoWhenPrivateinfoAndMemberVisibleThenUserTicket() {
        String code = wecom.code(NEW_APP, "zhangsan", "snsapi_privateinfo");

        JsonNode body = wecom.exchange(wecom.token(NEW_APP), code);

        assertThat(body.get("userid").asString()).isEqualTo("zhangsan");
        assertThat(body.get("user_ticket").asString()).isNotBlank();
        assertThat(body.has("expires_in")).isFalse();
    }

    @Test
    void getuserinfoWhenPrivateinfoButMemberOutsideVisibleRangeThenNoUserTicket() {
        // 1000003 sees only 研发部; wangwu is in 产品部.
        String code = wecom.code(OLD_APP, "wangwu", "snsapi_privateinfo");

        JsonNode body = wecom.exchange(wecom.token(OLD_APP), code);

        assertThat(body.get("userid").asString()).isEqualTo("wangwu");
        assertThat(body.has("user_ticket")).isFalse();
    }
}
