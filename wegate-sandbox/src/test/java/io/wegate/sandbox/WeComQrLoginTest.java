package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.CORP_ID;
import static io.wegate.sandbox.TestSandbox.NEW_APP;
import static io.wegate.sandbox.TestSandbox.OLD_APP;
import static io.wegate.sandbox.TestSandbox.TRUSTED_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WeComQrLoginTest {

    private final TestSandbox wecom = TestSandbox.start();

    @AfterEach
    void stop() {
        wecom.close();
    }

    private static Map<String, String> params(String agentId, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("login_type", "CorpApp");
        params.put("appid", CORP_ID);
        params.put("agentid", agentId);
        params.put("redirect_uri", TRUSTED_REDIRECT);
        if (state != null) {
            params.put("state", state);
        }
        return params;
    }

    private HttpResponse<String> loginPage(Map<String, String> params) {
        return wecom.page("/wwlogin/sso/login", params);
    }

    @Test
    void ssoLoginPageThenShowsQrImageOfThePhonePageAndScanButtons() {
        HttpResponse<String> page = loginPage(params(NEW_APP, "s1"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<svg", "data-qr-text=\"http://127.0.0.1:", "/wwlogin/sso/confirm?login_type=CorpApp")
                .contains("id=\"scan-zhangsan\"", "扫码登录 / Scan as 张三", "id=\"deny\"", "wegate 演示应用")
                .doesNotContain("id=\"scan-wujiu\"");
    }

    @Test
    void qrCodeThenScannableAndCarriesThePhonePageUrl() {
        String scanned = QrDecoder.decode(loginPage(params(NEW_APP, "s2")).body());

        assertThat(scanned)
                .startsWith(wecom.sandbox.baseUrl() + "/wwlogin/sso/confirm?login_type=CorpApp&appid=" + CORP_ID)
                .contains("&agentid=1000002&", "&state=s2");
    }

    @Test
    void scanThenRedirectsWithCodeAndStateAndGetuserinfoReturnsUseridWithoutTicket() {
        HttpResponse<String> redirect = wecom.click(loginPage(params(NEW_APP, "qr42")), "userid", "zhangsan");
        Map<String, String> query = TestSandbox.callbackQuery(redirect);

        JsonNode identity = wecom.exchange(wecom.token(NEW_APP), query.get("code"));

        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(TRUSTED_REDIRECT + "?code=");
        assertThat(query).containsEntry("state", "qr42");
        assertThat(identity.get("userid").asString()).isEqualTo("zhangsan");
        assertThat(identity.has("user_ticket")).isFalse();
    }

    @Test
    void denyThenRedirectsWithStateOnly() {
        HttpResponse<String> redirect = wecom.click(loginPage(params(NEW_APP, "s9")), "deny", "1");

        assertThat(TestSandbox.callbackQuery(redirect)).containsExactly(Map.entry("state", "s9"));
    }

    @Test
    void scanWhenMemberOutsideVisibleRangeThenNoPermissionPage() {
        // 1000003 sees only 研发部; wangwu is in 产品部.
        HttpResponse<String> page = loginPage(params(OLD_APP, null));

        HttpResponse<String> answer = wecom.click(page, "userid", "wangwu");

        assertThat(page.body()).contains("id=\"scan-wangwu\"", "outside the visible range");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("没有权限登录", "visible range");
    }

    @Test
    void legacyQrConnectThenSamePageWithoutLoginType() {
        Map<String, String> params = params(NEW_APP, "old1");
        params.remove("login_type");

        HttpResponse<String> page = wecom.page("/wwopen/sso/qrConnect", params);
        Map<String, String> query = TestSandbox.callbackQuery(wecom.click(page, "userid", "lisi"));

        assertThat(page.body()).contains("<svg", "id=\"scan-lisi\"");
        assertThat(wecom.exchange(wecom.token(NEW_APP), query.get("code"))
                        .get("userid")
                        .asString())
                .isEqualTo("lisi");
    }

    @Test
    void phonePageThenOffersTheSameControl() {
        Map<String, String> params = params(NEW_APP, "p1");

        HttpResponse<String> phone = wecom.page("/wwlogin/sso/confirm", params);
        Map<String, String> query = TestSandbox.callbackQuery(wecom.click(phone, "userid", "zhouba"));

        assertThat(phone.statusCode()).isEqualTo(200);
        assertThat(phone.body()).contains("id=\"scan-zhouba\"").doesNotContain("<svg");
        assertThat(query).containsKey("code").containsEntry("state", "p1");
    }

    @Test
    void ssoLoginWhenParametersInvalidThenReadableErrorPages() {
        Map<String, String> serviceApp = params(NEW_APP, null);
        serviceApp.put("login_type", "ServiceApp");
        Map<String, String> noLoginType = params(NEW_APP, null);
        noLoginType.remove("login_type");
        Map<String, String> untrusted = params(NEW_APP, null);
        untrusted.put("redirect_uri", "http://evil.example/cb");
        Map<String, String> badState = params(NEW_APP, "a-b");
        Map<String, String> noAgent = params(NEW_APP, null);
        noAgent.remove("agentid");

        assertThat(loginPage(serviceApp).body()).contains("not simulated");
        assertThat(loginPage(noLoginType).body()).contains("login_type参数错误");
        assertThat(loginPage(untrusted).statusCode()).isEqualTo(400);
        assertThat(loginPage(untrusted).body()).contains("redirect_uri需使用应用可信域名");
        assertThat(loginPage(badState).body()).contains("state参数错误");
        assertThat(loginPage(noAgent).body()).contains("缺少agentid参数");
    }

    @Test
    void codesWecomQrThenExchangedOnceThenInvalidCode() {
        JsonNode minted = wecom.mintJson("{\"flow\":\"wecom-qr\",\"agentid\":\"1000002\",\"userid\":\"sunqi\"}");
        String token = wecom.token(NEW_APP);

        JsonNode first = wecom.exchange(token, minted.get("code").asString());
        JsonNode second = wecom.exchange(token, minted.get("code").asString());

        assertThat(minted.get("expires_in").asInt()).isEqualTo(300);
        assertThat(first.get("userid").asString()).isEqualTo("sunqi");
        assertThat(first.has("user_ticket")).isFalse();
        assertThat(second.get("errcode").asInt()).isEqualTo(40029);
    }

    @Test
    void codesWecomQrWhenMemberOutsideVisibleRangeThenBadRequest() {
        HttpResponse<String> response = wecom.send(
                "POST", "/sandbox/codes", "{\"flow\":\"wecom-qr\",\"agentid\":\"1000003\",\"userid\":\"wangwu\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestSandbox.json(response).get("message").asString()).contains("No permission");
    }
}
