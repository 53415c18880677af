package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StatsTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    @Test
    void statsThenCountCallsAndErrorsPerUpstreamPathButNotTooling() {
        wecom.token(NEW_APP);
        wecom.token(NEW_APP);
        wecom.getJson("/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=wrong");
        wecom.getJson("/sandbox/fixture");

        JsonNode stats = wecom.getJson("/sandbox/stats");

        assertThat(stats.get("calls").get("/cgi-bin/gettoken").asLong()).isEqualTo(3);
        assertThat(stats.get("calls").has("/sandbox/fixture")).isFalse();
        assertThat(stats.get("errors").get("/cgi-bin/gettoken").get("40001").asLong())
                .isEqualTo(1);
        assertThat(wecom.sandbox.stats()).containsEntry("/cgi-bin/gettoken", 3L);
    }

    @Test
    void statsWhenFaultAnswersThenCountedUnderFaultErrcode() {
        wecom.postJson(
                "/sandbox/faults",
                "{\"type\":\"errcode\",\"path\":\"/cgi-bin/gettoken\",\"errcode\":45009,\"count\":1}");
        wecom.getJson("/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=" + wecom.secret(NEW_APP));

        assertThat(wecom.sandbox.errorStats().get("/cgi-bin/gettoken")).containsEntry("45009", 1L);
    }

    @Test
    void statsWhenResetThenEmpty() {
        wecom.token(NEW_APP);

        JsonNode afterDelete = TestSandbox.json(wecom.send("DELETE", "/sandbox/stats", null));
        wecom.token(NEW_APP);
        wecom.sandbox.resetStats();

        assertThat(afterDelete.get("calls").size()).isZero();
        assertThat(wecom.sandbox.stats()).isEmpty();
    }

    @Test
    void statsThenAuthorizePageIsCountedUnderItsPath() {
        wecom.send("GET", "/connect/oauth2/authorize?appid=" + CORP_ID, null);

        assertThat(wecom.sandbox.stats()).containsEntry("/connect/oauth2/authorize", 1L);
    }
}
