package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.sandbox.fault.Hold;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    void holdWhenCallsArriveThenTheyWaitUntilReleasedAndMeetWhatChangedMeanwhile() throws Exception {
        String token = wecom.token(NEW_APP);
        Hold hold = wecom.sandbox.hold("/cgi-bin/user/get", 2);

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> calls =
                    List.of(pool.submit(() -> userGet(token)), pool.submit(() -> userGet(token)));
            hold.awaitHeld(2, Duration.ofMinutes(1));

            assertThat(calls).noneMatch(Future::isDone);
            assertThat(wecom.sandbox.stats().get("/cgi-bin/user/get")).isEqualTo(2);
            wecom.sandbox.invalidateTokens();
            hold.release();

            for (Future<HttpResponse<String>> call : calls) {
                assertThat(TestSandbox.json(call.get()).get("errcode").asInt()).isEqualTo(40014);
            }
        }
        // the hold caught its two calls: the next one goes straight through
        assertThat(TestSandbox.json(userGet(wecom.token(NEW_APP)))
                        .get("errcode")
                        .asInt())
                .isZero();
        assertThat(wecom.getJson("/sandbox/faults").get("faults").size()).isZero();
    }

    @Test
    void holdFaultWhenPostedThenListedWithHeldCallsAndDeleteReleasesThem() throws Exception {
        HttpResponse<String> added = addFault("{\"type\":\"hold\",\"path\":\"/cgi-bin/gettoken\",\"count\":1}");

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<HttpResponse<String>> held = pool.submit(this::gettoken);
            JsonNode listed;
            do {
                Thread.onSpinWait();
                listed = wecom.getJson("/sandbox/faults").get("faults").get(0);
            } while (listed.get("held").asInt() < 1);

            assertThat(held.isDone()).isFalse();
            assertThat(listed.get("type").asString()).isEqualTo("hold");
            assertThat(listed.get("released").asBoolean()).isFalse();
            wecom.send("DELETE", "/sandbox/faults", null);

            assertThat(held.get().statusCode()).isEqualTo(200);
        }
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(TestSandbox.json(added).get("remaining").asInt()).isEqualTo(1);
    }

    @Test
    void holdWhenPathIsNotUpstreamThenRefused() {
        assertThatThrownBy(() -> wecom.sandbox.hold("/sandbox/stats", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/sandbox/stats");
        assertThatThrownBy(() -> wecom.sandbox.hold("/cgi-bin/gettoken", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private HttpResponse<String> userGet(String token) {
        return wecom.send("GET", "/cgi-bin/user/get?access_token=" + token + "&userid=zhangsan", null);
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
