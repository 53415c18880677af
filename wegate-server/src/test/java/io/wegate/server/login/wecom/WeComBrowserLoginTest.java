package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The browser flow at the HTTP level: redirects, the binding cookie, the session cookie. */
@GatewayTest
class WeComBrowserLoginTest {

    private static final Pattern STATE = Pattern.compile("[?&]state=([A-Za-z0-9]+)");

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    Gateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port, sandbox);
    }

    record Started(String state, String bindingCookie, String location) {}

    private Started start(String returnTo) {
        Http.Answer a = gateway.http().get(gateway.base() + "/login/wecom?return_to=" + Gateway.enc(returnTo));
        assertThat(a.status()).as(a.body()).isEqualTo(302);
        String location = a.header("Location");
        Matcher m = STATE.matcher(location);
        assertThat(m.find()).isTrue();
        String cookie = a.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("WEGATE_LOGIN_"))
                .findFirst()
                .orElseThrow();
        return new Started(m.group(1), cookie.substring(0, cookie.indexOf(';')), location);
    }

    private Http.Answer callback(String code, String state, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
                        gateway.base() + "/login/wecom/callback?code=" + Gateway.enc(code) + "&state=" + state))
                .GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return gateway.http().send(b);
    }

    @Test
    void startWhenReturnToLocalThenRedirectsToAuthorizeWithBoundState() {
        Started s = start("/");
        assertThat(s.location())
                .startsWith(sandbox.baseUrl() + "/connect/oauth2/authorize?appid=")
                .contains("redirect_uri=" + Gateway.enc(gateway.base() + "/login/wecom/callback"));
        Http.Answer a = gateway.http().get(gateway.base() + "/login/wecom?return_to=/");
        String cookie = a.headers("Set-Cookie").get(0);
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/login");
    }

    @Test
    void callbackWhenStateAndCookieMatchThenSessionCookieAndReturnTo() {
        Started s = start("/?tab=me");
        Http.Answer a = callback(
                gateway.code("zhangsan", "snsapi_base", gateway.base() + "/login/wecom/callback"),
                s.state(),
                s.bindingCookie());

        assertThat(a.status()).as(a.body()).isEqualTo(302);
        assertThat(a.header("Location")).isEqualTo("/?tab=me");
        String session = a.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("WEGATE_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(session).contains("HttpOnly");
        assertThat(a.header("Location")).doesNotContain("token");

        String cookie = session.substring(0, session.indexOf(';'));
        Http.Answer home = gateway.http().get(gateway.base() + "/", Map.of("Cookie", cookie));
        assertThat(home.body()).contains("张三");
        Http.Answer tokens = gateway.http()
                .send(HttpRequest.newBuilder(URI.create(gateway.base() + "/api/v1/session/token"))
                        .header("Cookie", cookie)
                        .header("X-Requested-With", "test")
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(gateway.me(tokens.json().get("access_token").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void callbackWhenBindingCookieMissingThenRejectedPage() {
        long before = accounts.countAccounts();
        Started s = start("/");
        Http.Answer a = callback(gateway.code("sunqi"), s.state(), null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(a.body()).contains("invalid_state").contains("请重新发起登录");
        assertThat(accounts.countAccounts()).isEqualTo(before);
    }

    @Test
    void callbackWhenAnotherBrowsersCookieThenRejected() {
        Started victim = start("/");
        Started attacker = start("/");
        Http.Answer a = callback(gateway.code("sunqi"), victim.state(), attacker.bindingCookie());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("invalid_state");
    }

    @Test
    void callbackWhenStateReplayedThenRejected() {
        Started s = start("/");
        String redirect = gateway.base() + "/login/wecom/callback";
        assertThat(callback(gateway.code("lisi", "snsapi_base", redirect), s.state(), s.bindingCookie())
                        .status())
                .isEqualTo(302);
        Http.Answer replay = callback(gateway.code("lisi", "snsapi_base", redirect), s.state(), s.bindingCookie());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("invalid_state");
    }

    @Test
    void callbackWhenPersonRefusedThenCancelledPage() {
        Started s = start("/");
        Http.Answer a = gateway.http()
                .get(gateway.base() + "/login/wecom/callback?state=" + s.state(), Map.of("Cookie", s.bindingCookie()));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("login_cancelled");
    }

    @Test
    void startWhenReturnToNotAllowedThenRejectedPage() {
        for (String bad : new String[] {
            "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "http://localhost:1/"
        }) {
            Http.Answer a = gateway.http().get(gateway.base() + "/login/wecom?return_to=" + Gateway.enc(bad));
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.body()).as(bad).contains("return_to_not_allowed");
        }
    }
}
