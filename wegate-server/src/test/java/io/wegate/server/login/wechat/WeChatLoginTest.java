package io.wegate.server.login.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The three WeChat flows end to end over real HTTP, and who ends up in which account. */
@GatewayTest
class WeChatLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    Gateway gateway;
    WeChatFixtureSupport fx;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port, sandbox);
        fx = new WeChatFixtureSupport(sandbox);
    }

    @AfterEach
    void tearDown() {
        sandbox.clearFaults();
    }

    private String mpCode(WeChatFixture.User u, String scope, boolean snapshot, String redirectUri) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("flow", "wechat-mp");
        b.put("appid", fx.officialAccount().appid());
        b.put("user", u.key());
        b.put("scope", scope);
        b.put("snapshot", snapshot);
        b.put("redirect_uri", redirectUri);
        return gateway.mint(b).get("code").asString();
    }

    private String openCode(WeChatFixture.User u, String redirectUri) {
        return gateway.mint(Map.of(
                        "flow",
                        "wechat-open",
                        "appid",
                        fx.website().appid(),
                        "user",
                        u.key(),
                        "redirect_uri",
                        redirectUri))
                .get("code")
                .asString();
    }

    private String miniCode(WeChatFixture.App app, WeChatFixture.User u) {
        return gateway.mint(Map.of("flow", "wechat-miniprogram", "appid", app.appid(), "user", u.key()))
                .get("code")
                .asString();
    }

    private Http.Answer miniLogin(Map<String, Object> body) {
        return gateway.postApi("/api/v1/login/wechat-miniprogram", body);
    }

    private JsonNode websiteLogin(WeChatFixture.User u) {
        Gateway.BrowserLogin login = gateway.browserLogin("/login/wechat-open?return_to=/", r -> openCode(u, r));
        assertThat(login.callback().status()).as(login.callback().body()).isEqualTo(302);
        return login.tokens(gateway);
    }

    @Test
    void officialAccountWhenUserConsentsThenAccountWithNicknameKeyedOnUnionid() {
        WeChatFixture.User u = fx.users().get(0);
        String location = gateway.startLocation("/login/wechat-mp?return_to=/");
        assertThat(location)
                .startsWith(sandbox.baseUrl() + "/connect/oauth2/authorize?appid="
                        + fx.officialAccount().appid())
                .contains("scope=snsapi_userinfo")
                .endsWith("#wechat_redirect");

        Gateway.BrowserLogin login =
                gateway.browserLogin("/login/wechat-mp?return_to=/", r -> mpCode(u, "snsapi_userinfo", false, r));

        assertThat(login.callback().status()).as(login.callback().body()).isEqualTo(302);
        JsonNode account = login.tokens(gateway).get("account");
        assertThat(account.get("display_name").asString()).isEqualTo(u.nickname());
        assertThat(account.get("identities").toString())
                .contains(u.unionid())
                .contains(u.openidFor(fx.officialAccount().appid()));
    }

    @Test
    void officialAccountWhenAccountCameFromMiniProgramWithoutNameThenNamedByNickname() {
        WeChatFixture.User u = fx.user("amy");
        JsonNode mini =
                miniLogin(Map.of("code", miniCode(fx.miniProgram(), u))).json().get("account");
        String id = mini.get("id").asString();

        JsonNode account = gateway.browserLogin(
                        "/login/wechat-mp?return_to=/", r -> mpCode(u, "snsapi_userinfo", false, r))
                .tokens(gateway)
                .get("account");

        assertThat(account.get("id").asString()).isEqualTo(id);
        assertThat(account.get("display_name").asString()).isEqualTo(u.nickname());
    }

    @Test
    void officialAccountWhenSnapshotPageUserThenRefusedAndNoAccount() {
        long before = accounts.countAccounts();
        Gateway.BrowserLogin login = gateway.browserLogin(
                "/login/wechat-mp?return_to=/", r -> mpCode(fx.users().get(1), "snsapi_userinfo", true, r));
        assertThat(login.callback().status()).isEqualTo(403);
        assertThat(login.callback().body()).contains("snapshot_user").contains("使用完整服务");
        assertThat(accounts.countAccounts()).isEqualTo(before);
    }

    @Test
    void officialAccountWhenBaseScopeAfterUserinfoThenSameAccountThroughOpenid() {
        WeChatFixture.User u = fx.users().get(2);
        String full = gateway.browserLogin("/login/wechat-mp?return_to=/", r -> mpCode(u, "snsapi_userinfo", false, r))
                .tokens(gateway)
                .get("account")
                .get("id")
                .asString();
        String silent = gateway.browserLogin("/login/wechat-mp?return_to=/", r -> mpCode(u, "snsapi_base", false, r))
                .tokens(gateway)
                .get("account")
                .get("id")
                .asString();
        assertThat(silent).isEqualTo(full);
    }

    @Test
    void websiteQrWhenScannedThenAccountKeyedOnUnionid() {
        WeChatFixture.User u = fx.users().get(0);
        assertThat(gateway.startLocation("/login/wechat-open?return_to=/"))
                .startsWith(sandbox.baseUrl() + "/connect/qrconnect?appid="
                        + fx.website().appid())
                .contains("scope=snsapi_login");
        JsonNode account = websiteLogin(u).get("account");
        assertThat(account.get("identities").toString()).contains(u.unionid());
    }

    @Test
    void websiteThenMiniProgramWhenSameUnionidThenOneAccount() {
        WeChatFixture.User u = fx.users().get(3);
        String web = websiteLogin(u).get("account").get("id").asString();

        Http.Answer mini = miniLogin(Map.of("code", miniCode(fx.miniProgram(), u)));

        assertThat(mini.status()).as(mini.body()).isEqualTo(200);
        assertThat(mini.json().get("account").get("id").asString()).isEqualTo(web);
        assertThat(mini.body()).doesNotContain("session_key");
    }

    @Test
    void loginWhenTwoUsersShareANicknameThenTwoAccounts() {
        List<WeChatFixture.User> namesakes = fx.namesakes();
        String a = websiteLogin(namesakes.get(0)).get("account").get("id").asString();
        String b = websiteLogin(namesakes.get(1)).get("account").get("id").asString();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void miniProgramWhenNotBoundToOpenPlatformThenKeyedOnAppidAndOpenid() {
        WeChatFixture.User u = fx.users().get(0);
        WeChatFixture.App app = fx.unboundMiniProgram();
        Http.Answer a = miniLogin(Map.of("code", miniCode(app, u), "app", "mini-2"));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode identity = a.json().get("account").get("identities").get(0);
        assertThat(identity.get("tenant_id").asString()).isEqualTo(app.appid());
        assertThat(identity.get("subject").asString()).isEqualTo(u.openidFor(app.appid()));
    }

    @Test
    void miniProgramWhenPhoneCodeGivenThenAccountHasVerifiedMobile() {
        WeChatFixture.User u = fx.users().get(4);
        String phoneCode = gateway.mint(
                        Map.of("flow", "wechat-phone", "appid", fx.miniProgram().appid(), "user", u.key()))
                .get("code")
                .asString();
        Http.Answer a = miniLogin(Map.of("code", miniCode(fx.miniProgram(), u), "phone_code", phoneCode));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("account").get("mobile").asString()).isEqualTo("+" + u.countryCode() + u.phone());
    }

    @Test
    void miniProgramWhenEncryptedPhoneSentAfterLoginThenDecryptedAndRecorded() {
        WeChatFixture.User u = fx.users().get(1);
        JsonNode login =
                miniLogin(Map.of("code", miniCode(fx.miniProgram(), u))).json();
        JsonNode enc = encryptedPhone(u, null);

        Http.Answer a = gateway.postApi(
                "/api/v1/login/wechat-miniprogram/phone",
                login.get("access_token").asString(),
                Map.of(
                        "encrypted_data",
                        enc.get("encryptedData").asString(),
                        "iv",
                        enc.get("iv").asString()));

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("mobile").asString()).isEqualTo("+" + u.countryCode() + u.phone());
    }

    private JsonNode encryptedPhone(WeChatFixture.User u, String watermarkAppid) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("appid", fx.miniProgram().appid());
        b.put("user", u.key());
        b.put("kind", "phone");
        if (watermarkAppid != null) {
            b.put("watermark_appid", watermarkAppid);
        }
        Http.Answer a = gateway.http().postJson(sandbox.baseUrl() + "/sandbox/encrypted-data", b);
        assertThat(a.status()).as(a.body()).isIn(200, 201);
        return a.json();
    }

    @Test
    void miniProgramWhenEncryptedDataTamperedOrForAnotherAppThenClearErrorAndNoChange() {
        WeChatFixture.User u = fx.users().get(2);
        JsonNode login =
                miniLogin(Map.of("code", miniCode(fx.miniProgram(), u))).json();
        String token = login.get("access_token").asString();
        JsonNode good = encryptedPhone(u, null);
        String data = good.get("encryptedData").asString();
        String iv = good.get("iv").asString();
        JsonNode foreign = encryptedPhone(u, "wx0000000000000000");
        String flippedIv = (iv.charAt(0) == 'A' ? "B" : "A") + iv.substring(1);

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("encrypted_data", data, "iv", flippedIv),
                Map.of("encrypted_data", data.substring(0, data.length() - 8) + "AAAAAAA=", "iv", iv),
                Map.of("encrypted_data", "not base64!", "iv", iv),
                Map.of(
                        "encrypted_data",
                        foreign.get("encryptedData").asString(),
                        "iv",
                        foreign.get("iv").asString()))) {
            Http.Answer a = gateway.postApi("/api/v1/login/wechat-miniprogram/phone", token, bad);
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.json().get("error").asString()).isEqualTo("invalid_encrypted_data");
        }
        assertThat(gateway.me(token).json().has("mobile")).isFalse();
    }

    @Test
    void miniProgramWhenCodeUsedTwiceThenInvalidCodeWith40163() {
        String code = miniCode(fx.miniProgram(), fx.users().get(0));
        assertThat(miniLogin(Map.of("code", code)).status()).isEqualTo(200);
        Http.Answer again = miniLogin(Map.of("code", code));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asString()).isEqualTo("invalid_code");
        assertThat(again.json().get("upstream_errcode").asInt()).isEqualTo(40163);
    }

    @Test
    void websiteWhenCodeReplayedThenRejectedAnd40163() {
        WeChatFixture.User u = fx.users().get(0);
        String[] code = new String[1];
        gateway.browserLogin("/login/wechat-open?return_to=/", r -> code[0] = openCode(u, r));
        Gateway.BrowserLogin replay = gateway.browserLogin("/login/wechat-open?return_to=/", r -> code[0]);
        assertThat(replay.callback().status()).isEqualTo(400);
        assertThat(replay.callback().body()).contains("invalid_code").contains("40163");
    }

    @Test
    void miniProgramWhenUsersMinuteQuotaExceededThenTooManyRequestsWith45011() {
        gateway.http()
                .postJson(
                        sandbox.baseUrl() + "/sandbox/faults",
                        Map.of("type", "errcode", "path", "/sns/jscode2session", "errcode", 45011, "count", 1));
        Http.Answer a =
                miniLogin(Map.of("code", miniCode(fx.miniProgram(), fx.users().get(0))));
        // 100 logins a minute per user: the person (or a client looping on wx.login) must wait, wegate is fine
        assertThat(a.status()).as(a.body()).isEqualTo(429);
        assertThat(a.header("Retry-After")).isEqualTo("60");
        assertThat(a.json().get("upstream_errcode").asInt()).isEqualTo(45011);
    }

    @Test
    void miniProgramWhenUpstreamBusyBeyondRetriesThenBadGateway() {
        gateway.http()
                .postJson(
                        sandbox.baseUrl() + "/sandbox/faults",
                        Map.of("type", "errcode", "path", "/sns/jscode2session", "errcode", -1, "count", 10));
        Http.Answer a =
                miniLogin(Map.of("code", miniCode(fx.miniProgram(), fx.users().get(0))));
        assertThat(a.status()).as(a.body()).isEqualTo(502);
        assertThat(a.json().get("upstream_errcode").asInt()).isEqualTo(-1);
    }

    @Test
    void miniProgramWhenCodeMalformedThenRejectedWithoutUpstreamCall() {
        long before = sandbox.stats().getOrDefault("/sns/jscode2session", 0L);
        assertThat(miniLogin(Map.of("code", "x".repeat(600)))
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_code");
        assertThat(miniLogin(Map.of("code", "")).json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(sandbox.stats().getOrDefault("/sns/jscode2session", 0L)).isEqualTo(before);
    }
}
