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

/** Linking across WeCom and WeChat happens only when the account holder asks, and is audited. */
@GatewayTest
@TestPropertySource(properties = "wegate.test.context=explicit-link")
class ExplicitLinkTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AuditLog audit;

    private String miniCode(Gateway g, WeChatFixture.User u) {
        WeChatFixture.App mini = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == WeChatFixture.Kind.MINIPROGRAM && a.unionidBound())
                .findFirst()
                .orElseThrow();
        return g.mint(Map.of("flow", "wechat-miniprogram", "appid", mini.appid(), "user", u.key()))
                .get("code")
                .asString();
    }

    private String ticket(Gateway g, String accessToken) {
        Http.Answer t = g.postApi("/api/v1/me/link-ticket", accessToken, Map.of());
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        assertThat(t.json().get("expires_in").asInt()).isEqualTo(600);
        return t.json().get("link_ticket").asString();
    }

    @Test
    void linkWhenWeComMemberAttachesTheirWeChatThenOneAccountAndAudited() {
        Gateway g = new Gateway(port, sandbox);
        WeChatFixture.User u = sandbox.fixture().wechatUsers().get(0);
        var wecom = g.loginAs("zhouba");
        String accountId = wecom.get("account").get("id").asString();
        String ticket = ticket(g, wecom.get("access_token").asString());

        String bearer = wecom.get("access_token").asString();
        Http.Answer linked = g.postApi(
                "/api/v1/login/wechat-miniprogram", bearer, Map.of("code", miniCode(g, u), "link_ticket", ticket));

        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.json().get("account").get("id").asString()).isEqualTo(accountId);
        assertThat(linked.json().get("account").get("identities").toString())
                .contains("zhouba")
                .contains(u.unionid());
        assertThat(audit.eventsOf(accountId))
                .anySatisfy(e -> assertThat(e.detail()).contains("explicit link"));
        // later logins through WeChat alone find the same account
        Http.Answer again = g.postApi("/api/v1/login/wechat-miniprogram", Map.of("code", miniCode(g, u)));
        assertThat(again.json().get("account").get("id").asString()).isEqualTo(accountId);
        // the ticket was single use
        Http.Answer reuse = g.postApi(
                "/api/v1/login/wechat-miniprogram", bearer, Map.of("code", miniCode(g, u), "link_ticket", ticket));
        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.json().get("error").asString()).isEqualTo("invalid_link_ticket");
    }

    @Test
    void linkWhenIdentityAlreadyBelongsToAnotherAccountThenConflictAndNothingMoves() {
        Gateway g = new Gateway(port, sandbox);
        WeChatFixture.User u = sandbox.fixture().wechatUsers().get(1);
        String wechatAccount = g.postApi("/api/v1/login/wechat-miniprogram", Map.of("code", miniCode(g, u)))
                .json()
                .get("account")
                .get("id")
                .asString();
        var wecom = g.loginAs("sunqi");

        Http.Answer a = g.postApi(
                "/api/v1/login/wechat-miniprogram",
                wecom.get("access_token").asString(),
                Map.of(
                        "code",
                        miniCode(g, u),
                        "link_ticket",
                        ticket(g, wecom.get("access_token").asString())));

        assertThat(a.status()).as(a.body()).isEqualTo(409);
        assertThat(a.json().get("error").asString()).isEqualTo("identity_linked_elsewhere");
        Http.Answer after = g.postApi("/api/v1/login/wechat-miniprogram", Map.of("code", miniCode(g, u)));
        assertThat(after.json().get("account").get("id").asString()).isEqualTo(wechatAccount);
    }

    @Test
    void linkTicketWhenNotLoggedInThenUnauthorized() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer a = g.http().postJson(g.base() + "/api/v1/me/link-ticket", Map.of());
        assertThat(a.status()).isEqualTo(401);
    }
}
