package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultsTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private HttpResponse<String> addFault(String json) {
        return wecom.send("POST", "/sandbox/faults", json);
    }

    private HttpResponse<String> gettoken() {
        return wecom.send("GET", "/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=" + wecom.secret(NEW_APP), null);
    }

    @Test
    void errcodeFaultWhenCountIsTwoThenTwoCallsFailAndThenNormal() {
        HttpResponse<String> added =
                addFault("{\"type\":\"errcode\",\"path\":\"/cgi-bin/gettoken\",\"errcode\":-1,\"count\":2}");

        JsonNode first = TestSandbox.json(gettoken());
        JsonNode second = TestSandbox.json(gettoken());
        JsonNode third = TestSandbox.json(gettoken());

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(TestSandbox.json(added).get("errcode").asInt()).isEqualTo(-1);
        assertThat(first.get("errcode").asInt()).isEqualTo(-1);
        assertThat(first.get("errmsg").asString()).startsWith("system busy, hint: [");
        assertThat(second.get("errcode").asInt()).isEqualTo(-1);
        assertThat(third.get("errcode").asInt()).isZero();
        assertThat(wecom.getJson("/sandbox/faults").get("faults").size()).isZero();
    }

    @Test
    void httpStatusFaultThenGatewayErrorPage() {
        addFault("{\"type\":\"http-status\",\"path\":\"/cgi-bin/gettoken\",\"status\":500,\"count\":1}");

        HttpResponse<String> failed = gettoken();

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("500 Internal Server Error");
        assertThat(gettoken().statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonFaultThenBodyIsNotParseable() {
        addFault("{\"type\":\"malformed-json\",\"path\":\"/cgi-bin/gettoken\",\"count\":1}");

        HttpResponse<String> response = gettoken();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThatThrownBy(() -> TestSandbox.json(response)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void invalidateTokensFaultThenOldTokenRejectedAndGettokenIssuesNewOne() {
        String before = wecom.token(NEW_APP);

        HttpResponse<String> added = addFault("{\"type\":\"invalidate-tokens\"}");
        JsonNode rejected = wecom.getJson("/cgi-bin/user/get?access_token=" + before + "&userid=zhangsan");
        String after = wecom.token(NEW_APP);

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(rejected.get("errcode").asInt()).isEqualTo(40014);
        assertThat(after).isNotEqualTo(before);
        assertThat(wecom.getJson("/cgi-bin/user/get?access_token=" + after + "&userid=zhangsan")
                        .get("errcode")
                        .asInt())
                .isZero();
    }

    @Test
    void latencyFaultThenAnswerIsDelayed() {
        addFault("{\"type\":\"latency\",\"path\":\"/cgi-bin/gettoken\",\"millis\":300,\"count\":1}");

        long started = System.nanoTime();
        HttpResponse<String> response = gettoken();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void faultsWhenListedThenShownAndWhenClearedThenGone() {
        addFault("{\"type\":\"errcode\",\"path\":\"/cgi-bin/user/get\",\"errcode\":45009}");

        JsonNode listed = wecom.getJson("/sandbox/faults");
        HttpResponse<String> cleared = wecom.send("DELETE", "/sandbox/faults", null);

        assertThat(listed.get("faults").get(0).get("path").asString()).isEqualTo("/cgi-bin/user/get");
        assertThat(listed.get("faults").get(0).has("count")).isFalse();
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(wecom.getJson("/sandbox/faults").get("faults").size()).isZero();
    }

    @Test
    void faultWhenTypeOrPathUnknownThenBadRequest() {
        HttpResponse<String> badType = addFault("{\"type\":\"explode\",\"path\":\"/cgi-bin/gettoken\"}");
        HttpResponse<String> badPath = addFault("{\"type\":\"errcode\",\"path\":\"/cgi-bin/nope\",\"errcode\":-1}");

        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.json(badType).get("message").asString()).contains("latency", "invalidate-tokens");
        assertThat(badPath.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.json(badPath).get("message").asString()).contains("/cgi-bin/gettoken");
    }

    @Test
    void faultsWhenClearedThroughJavaApiThenNormalAnswers() {
        addFault("{\"type\":\"http-status\",\"path\":\"/cgi-bin/gettoken\",\"status\":503}");
        wecom.sandbox.clearFaults();

        assertThat(gettoken().statusCode()).isEqualTo(200);
    }
}
