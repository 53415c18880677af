package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static io.wegate.sandbox.TestSandbox.WECOM_MINIPROGRAM;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WeComMiniProgramTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private String jsCode(String userid) {
        return wecom.mint("{\"flow\":\"wecom-miniprogram\",\"agentid\":\"1000002\",\"userid\":\"" + userid + "\"}");
    }

    private JsonNode jscode2session(String token, String code) {
        return wecom.getJson("/cgi-bin/miniprogram/jscode2session?access_token=" + token + "&js_code=" + code
                + "&grant_type=authorization_code");
    }

    @Test
    void jscode2sessionThenCorpidUseridAndSessionKey() {
        JsonNode body = jscode2session(wecom.token(NEW_APP), jsCode("lisi"));

        assertThat(body.get("errcode").asInt()).isZero();
        assertThat(body.get("errmsg").asString()).isEqualTo("ok");
        assertThat(body.get("corpid").asString()).isEqualTo(CORP_ID);
        assertThat(body.get("userid").asString()).isEqualTo("lisi");
        assertThat(Base64.getDecoder().decode(body.get("session_key").asString()))
                .hasSize(16);
    }

    @Test
    void jscode2sessionWhenCodeUsedTwiceThen40029() {
        String token = wecom.token(NEW_APP);
        String code = jsCode("lisi");

        jscode2session(token, code);
        JsonNode second = jscode2session(token, code);

        assertThat(second.get("errcode").asInt()).isEqualTo(40029);
        assertThat(second.get("errmsg").asString()).startsWith("invalid code, hint: [");
    }

    @Test
    void jscode2sessionWhenTokenOfAnotherAppThen40029AndCodeOlderThanFiveMinutesThen40029() {
        JsonNode otherApp = jscode2session(wecom.token(OLD_APP), jsCode("lisi"));
        String code = jsCode("lisi");
        wecom.clock.advance(Duration.ofSeconds(301));

        assertThat(otherApp.get("errcode").asInt()).isEqualTo(40029);
        assertThat(jscode2session(wecom.token(NEW_APP), code).get("errcode").asInt())
                .isEqualTo(40029);
    }

    @Test
    void jscode2sessionWhenGrantTypeMissingThenInvalidParameterAndCodeStillUsable() {
        String token = wecom.token(NEW_APP);
        String code = jsCode("lisi");

        JsonNode missing =
                wecom.getJson("/cgi-bin/miniprogram/jscode2session?access_token=" + token + "&js_code=" + code);

        assertThat(missing.get("errcode").asInt()).isEqualTo(40058);
        assertThat(missing.get("errmsg").asString()).startsWith("invalid grant_type");
        assertThat(jscode2session(token, code).get("userid").asString()).isEqualTo("lisi");
    }

    @Test
    void codesWecomMiniprogramThenNamesTheAssociatedMiniProgramAndRefusesAppsWithout() {
        JsonNode minted =
                wecom.mintJson("{\"flow\":\"wecom-miniprogram\",\"agentid\":\"1000002\",\"userid\":\"zhouba\"}");
        var withoutMiniProgram = wecom.send(
                "POST",
                "/sandbox/codes",
                "{\"flow\":\"wecom-miniprogram\",\"agentid\":\"1000003\",\"userid\":\"lisi\"}");

        assertThat(minted.get("miniprogram_appid").asString()).isEqualTo(WECOM_MINIPROGRAM);
        assertThat(minted.get("expires_in").asInt()).isEqualTo(300);
        assertThat(withoutMiniProgram.statusCode()).isEqualTo(400);
    }
}
