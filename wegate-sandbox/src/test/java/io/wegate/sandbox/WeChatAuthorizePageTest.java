package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.MINIPROGRAM;
import static io.wegate.sandbox.TestSandbox.OFFICIAL_ACCOUNT;
import static io.wegate.sandbox.TestSandbox.TRUSTED_REDIRECT;
import static io.wegate.sandbox.TestSandbox.WEBSITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WeChatAuthorizePageTest {

    private final TestSandbox wechat = TestSandbox.start();

    @AfterEach
    void stop() {
        wechat.close();
    }

    private static Map<String, String> params(String appid, String scope, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appid", appid);
        params.put("redirect_uri", TRUSTED_REDIRECT);
        params.put("response_type", "code");
        params.put("scope", scope);
        if (state != null) {
            params.put("state", state);
        }
        return params;
    }

    private HttpResponse<String> authorize(Map<String, String> params) {
        return wechat.page("/connect/oauth2/authorize", params);
    }

    @Test
    void authorizeWithOfficialAccountAppidThenWeChatPageListingUsers() {
        HttpResponse<String> page = authorize(params(OFFICIAL_ACCOUNT, "snsapi_base", "s1"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("示例科技服务号", "id=\"wechat-user-xiaoming\"", "id=\"wechat-user-xiaoming2\"", "小红")
                .contains("a simulator, not the real WeChat")
                .doesNotContain("id=\"snapshot-xiaoming\"", "id=\"member-zhangsan\"");
    }

    @Test
    void baseScopeThenRedirectWithCodeAndStateAndExchangeWithoutUnionid() {
        HttpResponse<String> redirect =
                wechat.click(authorize(params(OFFICIAL_ACCOUNT, "snsapi_base", "st1")), "user", "xiaoming");
        Map<String, String> query = TestSandbox.callbackQuery(redirect);

        JsonNode token = wechat.snsExchange(OFFICIAL_ACCOUNT, query.get("code"));

        assertThat(query).containsEntry("state", "st1");
        assertThat(query.get("code")).matches("0[0-9A-Za-z]{31}");
        assertThat(token.get("openid").asString())
                .isEqualTo(wechat.wechatUser("xiaoming").openidFor(OFFICIAL_ACCOUNT));
        assertThat(token.get("scope").asString()).isEqualTo("snsapi_base");
        assertThat(token.has("unionid")).isFalse();
        assertThat(token.has("errcode")).isFalse();
    }

    @Test
    void userinfoScopeThenConsentWithSnapshotOptionAndUnionid() {
        HttpResponse<String> page = authorize(params(OFFICIAL_ACCOUNT, "snsapi_userinfo", null));

        Map<String, String> query = TestSandbox.callbackQuery(wechat.click(page, "user", "xiaohong"));
        JsonNode token = wechat.snsExchange(OFFICIAL_ACCOUNT, query.get("code"));

        assertThat(page.body()).contains("允许 / Allow", "id=\"snapshot-xiaohong\"", "仅浏览快照页", "id=\"wechat-deny\"");
        assertThat(query).doesNotContainKey("state");
        assertThat(token.get("unionid").asString())
                .isEqualTo(wechat.wechatUser("xiaohong").unionid());
        assertThat(token.has("is_snapshotuser")).isFalse();
    }

    @Test
    void snapshotThenVirtualOpenidAndUnionidAndSnapshotFlag() {
        HttpResponse<String> page = authorize(params(OFFICIAL_ACCOUNT, "snsapi_userinfo", "x"));

        JsonNode snapshot = wechat.snsExchange(
                OFFICIAL_ACCOUNT,
                TestSandbox.callbackQuery(wechat.click(page, "snapshot", "xiaoming"))
                        .get("code"));
        JsonNode real = wechat.snsExchange(
                OFFICIAL_ACCOUNT,
                TestSandbox.callbackQuery(wechat.click(page, "user", "xiaoming"))
                        .get("code"));
        JsonNode again = wechat.snsExchange(
                OFFICIAL_ACCOUNT,
                TestSandbox.callbackQuery(wechat.click(page, "snapshot", "xiaoming"))
                        .get("code"));

        assertThat(snapshot.get("is_snapshotuser").asInt()).isEqualTo(1);
        assertThat(snapshot.get("openid").asString())
                .isNotEqualTo(real.get("openid").asString());
        assertThat(snapshot.get("unionid").asString())
                .isNotEqualTo(real.get("unionid").asString());
        assertThat(again.get("openid").asString())
                .isEqualTo(snapshot.get("openid").asString());
        JsonNode info = wechat.getJson(
                "/sns/userinfo?access_token=" + snapshot.get("access_token").asString() + "&openid="
                        + snapshot.get("openid").asString());
        assertThat(info.get("nickname").asString()).isEqualTo("微信用户");
    }

    @Test
    void denyThenRedirectWithStateOnly() {
        HttpResponse<String> redirect =
                wechat.click(authorize(params(OFFICIAL_ACCOUNT, "snsapi_userinfo", "d1")), "deny", "1");

        assertThat(TestSandbox.callbackQuery(redirect)).containsExactly(Map.entry("state", "d1"));
    }

    @Test
    void authorizeWhenParametersInvalidThenWeChatErrorNumbers() {
        Map<String, String> foreignDomain = params(OFFICIAL_ACCOUNT, "snsapi_base", null);
        foreignDomain.put("redirect_uri", "http://evil.example/cb");
        Map<String, String> noScope = params(OFFICIAL_ACCOUNT, "", null);
        Map<String, String> noRedirect = params(OFFICIAL_ACCOUNT, "snsapi_base", null);
        noRedirect.remove("redirect_uri");

        HttpResponse<String> mismatch = authorize(foreignDomain);

        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("10003 redirect_uri域名与后台配置不一致");
        assertThat(authorize(noScope).body()).contains("10010 scope不能为空");
        assertThat(authorize(noRedirect).body()).contains("10011");
        assertThat(authorize(params(OFFICIAL_ACCOUNT, "snsapi_login", null)).body())
                .contains("10005");
        assertThat(authorize(params(WEBSITE, "snsapi_base", null)).body()).contains("10016", "请使用公众号Appid");
        assertThat(authorize(params(MINIPROGRAM, "snsapi_base", null)).body()).contains("10016");
        assertThat(wechat.sandbox.errorStats().get("/connect/oauth2/authorize")).containsEntry("10003", 1L);
    }

    @Test
    void addWeChatDomainThenRedirectToTheNewDomainAccepted() {
        Map<String, String> params = params(OFFICIAL_ACCOUNT, "snsapi_base", null);
        params.put("redirect_uri", "http://127.0.0.1:9000/cb");
        int before = authorize(params).statusCode();

        wechat.sandbox.addWeChatDomain(OFFICIAL_ACCOUNT, "127.0.0.1:9000");

        assertThat(before).isEqualTo(400);
        assertThat(authorize(params).statusCode()).isEqualTo(200);
        assertThat(wechat.sandbox.weChatDomains(OFFICIAL_ACCOUNT)).containsExactly("localhost:8080", "127.0.0.1:9000");
    }
}
