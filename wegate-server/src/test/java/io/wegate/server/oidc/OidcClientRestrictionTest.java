package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A client that takes only WeChat logins (wegate.oidc.clients[n].upstreams=wechat): a WeCom session
 * does not authorize it; the person is sent to /login with only the WeChat logins offered, and a
 * WeChat login then does. Other clients are unaffected.
 */
@GatewayTest
@TestPropertySource(
        properties = {
            "wegate.oidc.clients[0].client-id=wechat-only",
            "wegate.oidc.clients[0].client-secret={noop}wechat-only-secret",
            "wegate.oidc.clients[0].redirect-uris=https://shop.example.test/cb",
            "wegate.oidc.clients[0].upstreams=wechat"
        })
class OidcClientRestrictionTest {

    private static final String REDIRECT = "https://shop.example.test/cb";

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private static String authorize(String clientId, String redirect) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=openid&state=st-1&redirect_uri="
                + Gateway.enc(redirect);
    }

    @Test
    void whenAWeComSessionMeetsAWeChatOnlyClientThenLoginOffersOnlyWeChatAndNoCodeIsIssued() {
        Gateway g = new Gateway(port, sandbox);
        Gateway.BrowserLogin wecom = g.browserLogin(
                "/login/wecom-qr?return_to=/",
                r -> g.mint(Map.of(
                                "flow", "wecom-qr", "agentid", Gateway.AGENT_ID, "userid", "lisi", "redirect_uri", r))
                        .get("code")
                        .asString());

        Http.Answer refused =
                g.http().get(g.base() + authorize("wechat-only", REDIRECT), Map.of("Cookie", wecom.sessionCookie()));

        assertThat(refused.status()).isEqualTo(302);
        String location = refused.header("Location");
        assertThat(location)
                .startsWith("/login?return_to=")
                .endsWith("&upstream=wechat")
                .doesNotContain("code=");
        String back = URLDecoder.decode(
                location.substring("/login?return_to=".length(), location.indexOf("&upstream=")),
                StandardCharsets.UTF_8);
        assertThat(back).isEqualTo(authorize("wechat-only", REDIRECT));
        Http.Answer page =
                g.http().get(g.base() + location, Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"));
        assertThat(page.body()).contains("/login/wechat-open").doesNotContain("/login/wecom-qr");

        // the demo client takes any login: the same WeCom session gets its code
        Http.Answer demo = g.http()
                .get(
                        g.base() + authorize("wegate-demo", "http://localhost:8090/login/oauth2/code/wegate"),
                        Map.of("Cookie", wecom.sessionCookie()));
        assertThat(demo.header("Location")).contains("code=");
    }

    @Test
    void whenAWeChatSessionMeetsTheWeChatOnlyClientThenItGetsItsCode() {
        Gateway g = new Gateway(port, sandbox);
        WeChatFixture.App website = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == WeChatFixture.Kind.WEBSITE)
                .findFirst()
                .orElseThrow();
        Gateway.BrowserLogin wechat = g.browserLogin(
                "/login/wechat-open?return_to=/",
                r -> g.mint(Map.of(
                                "flow", "wechat-open", "appid", website.appid(), "user", "xiaoming", "redirect_uri", r))
                        .get("code")
                        .asString());

        Http.Answer authorized =
                g.http().get(g.base() + authorize("wechat-only", REDIRECT), Map.of("Cookie", wechat.sessionCookie()));

        assertThat(authorized.status()).isEqualTo(302);
        assertThat(authorized.header("Location")).startsWith(REDIRECT + "?code=");
    }
}
