package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.OFFICIAL_ACCOUNT;
import static io.wegate.sandbox.TestSandbox.TRUSTED_REDIRECT;
import static io.wegate.sandbox.TestSandbox.WEBSITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WeChatQrConnectTest {

    private final TestSandbox wechat = TestSandbox.start();

    @AfterEach
    void stop() {
        wechat.close();
    }

    private static Map<String, String> params(String appid, String scope) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appid", appid);
        params.put("redirect_uri", TRUSTED_REDIRECT);
        params.put("response_type", "code");
        params.put("scope", scope);
        params.put("state", "web1");
        return params;
    }

    private HttpResponse<String> qrconnect(Map<String, String> params) {
        return wechat.page("/connect/qrconnect", params);
    }

    @Test
    void qrconnectThenQrImageOfThePhonePageAndScanButtons() {
        HttpResponse<String> page = qrconnect(params(WEBSITE, "snsapi_login"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<svg", "data-qr-text=\"http://127.0.0.1:", "/connect/confirm?appid=" + WEBSITE)
                .contains("id=\"wechat-scan-xiaoming\"", "id=\"wechat-deny\"", "示例科技官网");
    }

    @Test
    void qrCodeThenScannableAndOpensThePhonePageWhichLogsIn() {
        String scanned =
                QrDecoder.decode(qrconnect(params(WEBSITE, "snsapi_login")).body());

        HttpResponse<String> phone = wechat.send("GET", scanned.substring(scanned.indexOf("/connect/confirm")), null);

        assertThat(scanned).startsWith(wechat.sandbox.baseUrl() + "/connect/confirm?appid=" + WEBSITE);
        assertThat(phone.statusCode()).isEqualTo(200);
        assertThat(TestSandbox.callbackQuery(wechat.click(phone, "user", "xiaohong")))
                .containsEntry("state", "web1");
    }

    @Test
    void scanThenRedirectWithCodeAndStateAndExchangeWithUnionid() {
        Map<String, String> query =
                TestSandbox.callbackQuery(wechat.click(qrconnect(params(WEBSITE, "snsapi_login")), "user", "amy"));

        JsonNode token = wechat.snsExchange(WEBSITE, query.get("code"));

        assertThat(query).containsEntry("state", "web1");
        assertThat(token.get("scope").asString()).isEqualTo("snsapi_login");
        assertThat(token.get("openid").asString())
                .isEqualTo(wechat.wechatUser("amy").openidFor(WEBSITE));
        assertThat(token.get("unionid").asString())
                .isEqualTo(wechat.wechatUser("amy").unionid());
    }

    @Test
    void denyThenRedirectWithStateOnly() {
        HttpResponse<String> redirect = wechat.click(qrconnect(params(WEBSITE, "snsapi_login")), "deny", "1");

        assertThat(TestSandbox.callbackQuery(redirect)).containsExactly(Map.entry("state", "web1"));
    }

    @Test
    void phonePageThenSameControlWithoutQr() {
        HttpResponse<String> phone = wechat.page("/connect/confirm", params(WEBSITE, "snsapi_login"));

        assertThat(phone.statusCode()).isEqualTo(200);
        assertThat(phone.body()).contains("id=\"wechat-scan-laowang\"").doesNotContain("<svg");
        assertThat(TestSandbox.callbackQuery(wechat.click(phone, "user", "laowang")))
                .containsKey("code");
    }

    @Test
    void qrconnectWhenOfficialAccountAppidOrWrongScopeThenScopeError() {
        HttpResponse<String> officialAccount = qrconnect(params(OFFICIAL_ACCOUNT, "snsapi_login"));
        HttpResponse<String> wrongScope = qrconnect(params(WEBSITE, "snsapi_userinfo"));
        Map<String, String> foreign = params(WEBSITE, "snsapi_login");
        foreign.put("redirect_uri", "https://evil.example/");

        assertThat(officialAccount.statusCode()).isEqualTo(400);
        assertThat(officialAccount.body()).contains("Scope参数错误或没有Scope权限");
        assertThat(wrongScope.body()).contains("Scope参数错误或没有Scope权限");
        assertThat(qrconnect(foreign).body()).contains("redirect_uri参数错误");
    }

    @Test
    void websiteCodeThenValidAfter301SecondsButExpiredAfter601() {
        String valid = wechat.mint("{\"flow\":\"wechat-open\",\"user\":\"xiaoming\"}");
        String expired = wechat.mint("{\"flow\":\"wechat-open\",\"user\":\"xiaoming\"}");

        wechat.clock.advance(Duration.ofSeconds(301));
        JsonNode at301 = wechat.snsExchange(WEBSITE, valid);
        wechat.clock.advance(Duration.ofSeconds(300));
        JsonNode at601 = wechat.snsExchange(WEBSITE, expired);

        assertThat(at301.has("access_token")).as(at301.toString()).isTrue();
        assertThat(at601.get("errcode").asInt()).isEqualTo(40029);
    }
}
