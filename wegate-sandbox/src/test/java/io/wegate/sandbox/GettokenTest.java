package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GettokenTest {

    private TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private JsonNode gettoken(String query) {
        return wecom.getJson("/cgi-bin/gettoken?" + query);
    }

    private JsonNode gettokenFor(String agentId) {
        return gettoken("corpid=" + CORP_ID + "&corpsecret=" + wecom.secret(agentId));
    }

    @Test
    void gettokenWhenCalledTwiceWithinValidityThenSameToken() {
        JsonNode first = gettokenFor(NEW_APP);
        wecom.clock.advance(Duration.ofSeconds(3600));
        JsonNode second = gettokenFor(NEW_APP);

        assertThat(first.get("errcode").asInt()).isZero();
        assertThat(first.get("errmsg").asString()).isEqualTo("ok");
        assertThat(first.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(second.get("access_token").asString())
                .isEqualTo(first.get("access_token").asString());
        assertThat(second.get("expires_in").asInt()).isEqualTo(3600);
    }

    @Test
    void gettokenWhenTokenExpiredThenNewToken() {
        String first = wecom.token(NEW_APP);
        wecom.clock.advance(Duration.ofSeconds(7201));

        JsonNode second = gettokenFor(NEW_APP);

        assertThat(second.get("access_token").asString()).isNotEqualTo(first);
        assertThat(second.get("expires_in").asInt()).isEqualTo(7200);
    }

    @Test
    void gettokenThenTokenIsRealisticAndPerApp() {
        String token = wecom.token(NEW_APP);

        assertThat(token).matches("[A-Za-z0-9_-]{100,200}");
        assertThat(wecom.token(OLD_APP)).isNotEqualTo(token);
    }

    @Test
    void gettokenWhenSecretWrongThenInvalidCredential() {
        JsonNode body = gettoken("corpid=" + CORP_ID + "&corpsecret=not-the-secret");

        assertThat(body.get("errcode").asInt()).isEqualTo(40001);
        assertThat(body.get("errmsg").asString()).startsWith("invalid credential, hint: [");
        assertThat(body.has("access_token")).isFalse();
    }

    @Test
    void gettokenWhenCorpidUnknownThenInvalidCorpid() {
        JsonNode body = gettoken("corpid=ww0000000000000000&corpsecret=" + wecom.secret(NEW_APP));

        assertThat(body.get("errcode").asInt()).isEqualTo(40013);
        assertThat(body.get("errmsg").asString()).startsWith("invalid corpid");
    }

    @Test
    void gettokenWhenParametersMissingThenMissingErrcodes() {
        assertThat(gettoken("corpsecret=x").get("errcode").asInt()).isEqualTo(41002);
        assertThat(gettoken("corpid=" + CORP_ID + "&corpsecret=").get("errcode").asInt())
                .isEqualTo(41004);
    }

    @Test
    void gettokenWhenDailyQuotaUsedUpThenApiFreqOutOfLimitUntilNextDay() {
        wecom.close();
        wecom = TestSandbox.start(b -> b.gettokenDailyQuota(2));

        assertThat(gettokenFor(NEW_APP).get("errcode").asInt()).isZero();
        assertThat(gettokenFor(NEW_APP).get("errcode").asInt()).isZero();
        JsonNode third = gettokenFor(NEW_APP);
        JsonNode otherApp = gettokenFor(OLD_APP);
        wecom.clock.advance(Duration.ofDays(1));
        JsonNode nextDay = gettokenFor(NEW_APP);

        assertThat(third.get("errcode").asInt()).isEqualTo(45009);
        assertThat(third.get("errmsg").asString()).startsWith("api freq out of limit");
        assertThat(otherApp.get("errcode").asInt()).isZero();
        assertThat(nextDay.get("errcode").asInt()).isZero();
    }

    @Test
    void gettokenWhenCalledConcurrentlyThenEveryCallerGetsTheSameToken() throws Exception {
        List<Future<String>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit(
                        () -> gettokenFor(NEW_APP).get("access_token").asString()));
            }
        }
        Set<String> tokens = new HashSet<>();
        for (Future<String> call : calls) {
            tokens.add(call.get());
        }

        assertThat(tokens).hasSize(1);
        assertThat(wecom.sandbox.stats()).containsEntry("/cgi-bin/gettoken", 200L);
    }
}
