package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.MINIPROGRAM;
import static io.wegate.sandbox.TestSandbox.TRUSTED_REDIRECT;
import static io.wegate.sandbox.TestSandbox.WEBSITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WeChatFaultsAndStatsTest {

    private final TestSandbox wechat = TestSandbox.start();

    @AfterEach
    void stop() {
        wechat.close();
    }

    private String jsCode() {
        return wechat.mint("{\"flow\":\"wechat-miniprogram\",\"user\":\"xiaoming\"}");
    }

    @Test
    void errcodeFaultOnJscode2sessionThenSystemErrorInWeChatFormatAndCodeStillUsable() {
        wechat.postJson(
                "/sandbox/faults",
                "{\"type\":\"errcode\",\"path\":\"/sns/jscode2session\",\"errcode\":-1,\"count\":1}");
        String code = jsCode();

        JsonNode failed = wechat.jscode2session(MINIPROGRAM, code);
        JsonNode retried = wechat.jscode2session(MINIPROGRAM, code);

        assertThat(failed.get("errcode").asInt()).isEqualTo(-1);
        assertThat(failed.get("errmsg").asString()).matches("system error, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
        assertThat(retried.has("session_key")).isTrue();
    }

    @Test
    void statsThenCountNewPathsWithTheirErrcodes() {
        String code = jsCode();
        wechat.jscode2session(MINIPROGRAM, code);
        wechat.jscode2session(MINIPROGRAM, code);
        wechat.getJson("/cgi-bin/department/list?access_token=nope");

        assertThat(wechat.sandbox.stats())
                .containsEntry("/sns/jscode2session", 2L)
                .containsEntry("/cgi-bin/department/list", 1L)
                .doesNotContainKey("/sandbox/codes");
        assertThat(wechat.sandbox.errorStats().get("/sns/jscode2session")).containsEntry("40163", 1L);
        assertThat(wechat.sandbox.errorStats().get("/cgi-bin/department/list")).containsEntry("40014", 1L);
    }

    @Test
    void httpStatusAndLatencyFaultsThenApplyToThePagesToo() {
        wechat.postJson(
                "/sandbox/faults",
                "{\"type\":\"http-status\",\"path\":\"/connect/qrconnect\",\"status\":502,\"count\":1}");
        String path = "/connect/qrconnect?appid=" + WEBSITE + "&redirect_uri=" + TestSandbox.encode(TRUSTED_REDIRECT)
                + "&response_type=code&scope=snsapi_login";

        HttpResponse<String> failed = wechat.send("GET", path, null);
        HttpResponse<String> normal = wechat.send("GET", path, null);

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(wechat.sandbox.errorStats().get("/connect/qrconnect")).containsEntry("http_502", 1L);
    }

    @Test
    void errcodeAndMalformedFaultsThenAcceptedOnEveryNewJsonPath() {
        for (String path : new String[] {
            "/sns/oauth2/access_token",
            "/sns/oauth2/refresh_token",
            "/sns/userinfo",
            "/sns/auth",
            "/sns/jscode2session",
            "/wxa/business/getuserphonenumber",
            "/wxa/checksession",
            "/cgi-bin/token",
            "/cgi-bin/stable_token",
            "/cgi-bin/miniprogram/jscode2session",
            "/cgi-bin/department/list",
            "/cgi-bin/department/simplelist",
            "/cgi-bin/department/get",
            "/cgi-bin/user/simplelist",
            "/cgi-bin/user/list",
            "/cgi-bin/user/list_id"
        }) {
            HttpResponse<String> added = wechat.send(
                    "POST", "/sandbox/faults", "{\"type\":\"malformed-json\",\"path\":\"" + path + "\",\"count\":1}");
            assertThat(added.statusCode()).as(path).isEqualTo(201);
        }
        for (String page : new String[] {
            "/wwlogin/sso/login",
            "/wwopen/sso/qrConnect",
            "/wwlogin/sso/confirm",
            "/connect/qrconnect",
            "/connect/confirm",
            "/connect/oauth2/authorize/consent"
        }) {
            HttpResponse<String> added = wechat.send(
                    "POST", "/sandbox/faults", "{\"type\":\"latency\",\"path\":\"" + page + "\",\"millis\":1}");
            assertThat(added.statusCode()).as(page).isEqualTo(201);
        }
    }

    @Test
    void errcodeFaultOnWeComDirectoryPathThenWeComFormat() {
        wechat.postJson("/sandbox/faults", "{\"type\":\"errcode\",\"path\":\"/cgi-bin/user/list\",\"errcode\":45009}");

        JsonNode body = wechat.getJson("/cgi-bin/user/list?access_token=x&department_id=1");

        assertThat(body.get("errcode").asInt()).isEqualTo(45009);
        assertThat(body.get("errmsg").asString()).startsWith("api freq out of limit, hint: [");
    }
}
