package io.wegate.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * link-policy verified-mobile: a WeChat login whose phone number WeChat verified joins the WeCom
 * member's account with that mobile (which WeCom verified through snsapi_privateinfo).
 */
@GatewayTest
@TestPropertySource(properties = {"wegate.wecom.link-policy=verified-mobile", "wegate.wecom.scope=snsapi_privateinfo"})
class VerifiedMobilePolicyTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AuditLog audit;

    private Http.Answer miniLoginWithPhone(Gateway g, WeChatFixture.User u) {
        String appid = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == WeChatFixture.Kind.MINIPROGRAM && a.unionidBound())
                .findFirst()
                .orElseThrow()
                .appid();
        String code = g.mint(Map.of("flow", "wechat-miniprogram", "appid", appid, "user", u.key()))
                .get("code")
                .asString();
        String phone = g.mint(Map.of("flow", "wechat-phone", "appid", appid, "user", u.key()))
                .get("code")
                .asString();
        return g.postApi("/api/v1/login/wechat-miniprogram", Map.of("code", code, "phone_code", phone));
    }

    @Test
    void loginWhenWeChatPhoneEqualsWeComMobileThenSameAccountAndAudited() {
        Gateway g = new Gateway(port, sandbox);
        WeChatFixture.User xiaohong = sandbox.fixture().wechatUser("xiaohong").orElseThrow();
        String zhangsanMobile =
                sandbox.fixture().member("zhangsan").orElseThrow().mobile();
        assertThat(xiaohong.phone()).isEqualTo(zhangsanMobile);
        JsonNode wecom = g.login(g.code("zhangsan", "snsapi_privateinfo", g.redirectUri()), g.newState())
                .json()
                .get("account");
        assertThat(wecom.get("mobile").asString()).isEqualTo("+86" + zhangsanMobile);

        Http.Answer wechat = miniLoginWithPhone(g, xiaohong);

        assertThat(wechat.status()).as(wechat.body()).isEqualTo(200);
        String accountId = wecom.get("id").asString();
        assertThat(wechat.json().get("account").get("id").asString()).isEqualTo(accountId);
        assertThat(audit.eventsOf(accountId))
                .anySatisfy(e -> assertThat(e.detail()).isEqualTo("verified mobile number"));
    }

    @Test
    void loginWhenWeChatPhoneMatchesNobodyThenNewAccount() {
        Gateway g = new Gateway(port, sandbox);
        WeChatFixture.User amy = sandbox.fixture().wechatUser("amy").orElseThrow();
        Http.Answer a = miniLoginWithPhone(g, amy);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("account").get("identities")).hasSize(2);
        assertThat(a.json().get("account").get("identities").toString()).doesNotContain("wecom");
    }
}
