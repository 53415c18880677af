package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** WeCom QR / website login and WeCom mini-program login, and that they find the same member's account. */
@GatewayTest
class WeComQrAndMiniProgramLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private Gateway gateway() {
        return new Gateway(port, sandbox);
    }

    private String qrCode(Gateway g, String userid, String redirectUri) {
        return g.mint(Map.of(
                        "flow", "wecom-qr", "agentid", Gateway.AGENT_ID, "userid", userid, "redirect_uri", redirectUri))
                .get("code")
                .asString();
    }

    @Test
    void qrLoginWhenStartedThenCurrentSsoLoginPageWithCorpAppAndAgent() {
        Gateway g = gateway();
        String location = g.startLocation("/login/wecom-qr?return_to=/");
        assertThat(location)
                .startsWith(sandbox.baseUrl() + "/wwlogin/sso/login?login_type=CorpApp&appid="
                        + sandbox.fixture().corpId())
                .contains("&agentid=1000002")
                .contains("&redirect_uri=" + Gateway.enc(g.base() + "/login/wecom-qr/callback"));
    }

    @Test
    void qrLoginWhenMemberScansThenSessionForTheSameAccountAsInClientLogin() {
        Gateway g = gateway();
        String inClient = g.loginAs("zhaoliu").get("account").get("id").asString();

        Gateway.BrowserLogin qr = g.browserLogin("/login/wecom-qr?return_to=/", r -> qrCode(g, "zhaoliu", r));

        assertThat(qr.callback().status()).as(qr.callback().body()).isEqualTo(302);
        assertThat(qr.tokens(g).get("account").get("id").asString()).isEqualTo(inClient);
    }

    @Test
    void qrLoginWhenCodeReplayedThenInvalidCode40029() {
        Gateway g = gateway();
        String[] code = new String[1];
        g.browserLogin("/login/wecom-qr?return_to=/", r -> code[0] = qrCode(g, "sunqi", r));
        Gateway.BrowserLogin replay = g.browserLogin("/login/wecom-qr?return_to=/", r -> code[0]);
        assertThat(replay.callback().status()).isEqualTo(400);
        assertThat(replay.callback().body()).contains("invalid_code").contains("40029");
    }

    @Test
    void miniProgramWhenCodeValidThenTokensForTheMembersAccountAndNoSessionKey() {
        Gateway g = gateway();
        String web = g.loginAs("wangwu").get("account").get("id").asString();
        String code = g.mint(Map.of("flow", "wecom-miniprogram", "agentid", Gateway.AGENT_ID, "userid", "wangwu"))
                .get("code")
                .asString();

        Http.Answer a = g.postApi("/api/v1/login/wecom-miniprogram", Map.of("code", code));

        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.get("account").get("id").asString()).isEqualTo(web);
        assertThat(a.body()).doesNotContain("session_key");
        Http.Answer again = g.postApi("/api/v1/login/wecom-miniprogram", Map.of("code", code));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("upstream_errcode").asInt()).isEqualTo(40029);
    }

    @Test
    void miniProgramWhenAppUnknownThenClearError() {
        Http.Answer a = gateway().postApi("/api/v1/login/wecom-miniprogram", Map.of("code", "abc", "app", "nope"));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("error").asString()).isEqualTo("unknown_app");
    }
}
