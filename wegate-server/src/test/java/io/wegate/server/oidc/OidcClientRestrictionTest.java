package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A client that takes only WeChat logins (wegate.oidc.clients[n].upstreams=wechat): a WeCom session
 * does not authorize it; the person is sent to /login with only the WeChat logins offered, and a
 * WeChat login then does. Other clients are unaffected. The same restrictions registered through
 * the admin API (RFC 7591 extension metadata wegate_upstreams, wegate_app) are honoured the same way.
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

    private static Gateway.BrowserLogin wecomSession(Gateway g) {
        return g.browserLogin(
                "/login/wecom-qr?return_to=/",
                r -> g.mint(Map.of(
                                "flow", "wecom-qr", "agentid", Gateway.AGENT_ID, "userid", "lisi", "redirect_uri", r))
                        .get("code")
                        .asString());
    }

    private Gateway.BrowserLogin wechatWebsiteSession(Gateway g) {
        WeChatFixture.App website = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == WeChatFixture.Kind.WEBSITE)
                .findFirst()
                .orElseThrow();
        return g.browserLogin(
                "/login/wechat-open?return_to=/",
                r -> g.mint(Map.of(
                                "flow", "wechat-open", "appid", website.appid(), "user", "xiaoming", "redirect_uri", r))
                        .get("code")
                        .asString());
    }

    @Test
    void whenAWeComSessionMeetsAWeChatOnlyClientThenLoginOffersOnlyWeChatAndNoCodeIsIssued() {
        Gateway g = new Gateway(port, sandbox);
        Gateway.BrowserLogin wecom = wecomSession(g);

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
        Gateway.BrowserLogin wechat = wechatWebsiteSession(g);

        Http.Answer authorized =
                g.http().get(g.base() + authorize("wechat-only", REDIRECT), Map.of("Cookie", wechat.sessionCookie()));

        assertThat(authorized.status()).isEqualTo(302);
        assertThat(authorized.header("Location")).startsWith(REDIRECT + "?code=");
    }

    @Test
    void whenTheRestrictionIsRegisteredThroughTheAdminApiThenItIsHonouredLikeAConfiguredOne() {
        Gateway g = new Gateway(port, sandbox);
        String redirect = "https://api-registered.example.test/cb";
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(
                Map.of("redirect_uris", List.of(redirect), "first_party", true, "wegate_upstreams", List.of("wechat")));
        metadata.put("wegate_app", "web");
        Http.Answer created = g.admin("POST", "/api/v1/admin/clients", metadata);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("client_id").asString();
        JsonNode read =
                g.admin("GET", "/api/v1/admin/clients/" + clientId, null).json();
        assertThat(read.get("wegate_upstreams").toString()).isEqualTo("[\"wechat\"]");
        assertThat(read.get("wegate_app").asString()).isEqualTo("web");
        Gateway.BrowserLogin wecom = wecomSession(g);

        Http.Answer refused =
                g.http().get(g.base() + authorize(clientId, redirect), Map.of("Cookie", wecom.sessionCookie()));

        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location"))
                .startsWith("/login?return_to=")
                .endsWith("&upstream=wechat&app=web")
                .doesNotContain("code=");
        Http.Answer page = g.http()
                .get(
                        g.base() + refused.header("Location"),
                        Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"));
        assertThat(page.body()).contains("/login/wechat-open").doesNotContain("/login/wecom-qr");
        Http.Answer authorized = g.http()
                .get(
                        g.base() + authorize(clientId, redirect),
                        Map.of("Cookie", wechatWebsiteSession(g).sessionCookie()));
        assertThat(authorized.header("Location")).startsWith(redirect + "?code=");

        // the app alone, a WeCom one: now the WeChat session is the one sent to /login
        metadata.remove("wegate_upstreams");
        metadata.put("wegate_app", "default");
        Http.Answer put = g.admin("PUT", "/api/v1/admin/clients/" + clientId, metadata);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().has("wegate_upstreams")).isFalse();
        Http.Answer wechatRefused = g.http()
                .get(
                        g.base() + authorize(clientId, redirect),
                        Map.of("Cookie", wechatWebsiteSession(g).sessionCookie()));
        assertThat(wechatRefused.header("Location"))
                .startsWith("/login?return_to=")
                .endsWith("&app=default")
                .doesNotContain("code=");
        assertThat(g.http()
                        .get(g.base() + authorize(clientId, redirect), Map.of("Cookie", wecom.sessionCookie()))
                        .header("Location"))
                .startsWith(redirect + "?code=");
    }
}
