package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 7, hole 3: behind an https public base every cookie wegate sets is Secure and
 * {@code __Host-} prefixed, with the default (memory) store and with no proxy saying https (the
 * test talks plain HTTP to the gateway, as a TLS-terminating proxy would); a cookie value planted
 * in the browser is never adopted.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.public-base-url=https://login.example.test")
class HttpsCookieTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Test
    void cookiesWhenPublicBaseIsHttpsThenSecureHostPrefixedHttpOnlyAndLax() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer start = g.http().get(g.base() + "/login/wecom?return_to=/");
        Gateway.BrowserLogin login =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhangsan", "snsapi_base", r));

        String loginCookie = start.headers("Set-Cookie").get(0);
        String sessionCookie = login.callback().headers("Set-Cookie").stream()
                .filter(c -> c.contains("WEGATE_SESSION"))
                .findFirst()
                .orElseThrow();
        for (String c : new String[] {loginCookie, sessionCookie}) {
            assertThat(c)
                    .startsWith("__Host-")
                    .contains("; Secure")
                    .contains("; HttpOnly")
                    .contains("Path=/");
            assertThat(c.toLowerCase()).contains("samesite=lax").doesNotContain("domain=");
        }
        assertThat(sessionCookie).startsWith("__Host-WEGATE_SESSION=");
        assertThat(login.tokens(g).get("token_type").asString()).isEqualTo("Bearer");
    }

    @Test
    void startWhenBrowserCarriesAPlantedLoginCookieThenANewOneIsMintedAndThePlantedOneIsRefused() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer start = g.http()
                .get(
                        g.base() + "/login/wecom?return_to=/",
                        Map.of("Cookie", "WEGATE_LOGIN=planted; __Host-WEGATE_LOGIN=planted"));
        String location = start.header("Location");
        String state = location.replaceAll(".*[?&]state=([A-Za-z0-9]+).*", "$1");
        String minted = start.headers("Set-Cookie").get(0);
        String name = minted.substring(0, minted.indexOf('='));

        assertThat(minted).doesNotContain("planted");
        // the attacker's own cookie value for the victim's state: refused, and nobody is logged in
        Http.Answer planted = g.http()
                .get(
                        g.base() + "/login/wecom/callback?code="
                                + g.code("lisi", "snsapi_base", "https://login.example.test/login/wecom/callback")
                                + "&state=" + state,
                        Map.of("Cookie", name + "=planted"));
        assertThat(planted.status()).isEqualTo(400);
        assertThat(planted.body()).contains("invalid_state");
        assertThat(planted.headers("Set-Cookie")).noneMatch(c -> c.contains("WEGATE_SESSION"));
    }

    @Test
    void startWhenBrowserHasManyAbandonedLoginsThenTheOldestCookiesAreRemovedAndLongReturnToRefused() {
        Gateway g = new Gateway(port, sandbox);
        StringBuilder jar = new StringBuilder();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Http.Answer start = g.http()
                    .get(
                            g.base() + "/login/wecom?return_to=/",
                            jar.isEmpty() ? Map.of() : Map.of("Cookie", jar.toString()));
            String c = start.headers("Set-Cookie").get(0);
            names.add(c.substring(0, c.indexOf('=')));
            jar.append(jar.isEmpty() ? "" : "; ").append(c, 0, c.indexOf(';'));
        }

        Http.Answer fifth = g.http().get(g.base() + "/login/wecom?return_to=/", Map.of("Cookie", jar.toString()));

        // keeps the newest two and the one it sets: three logins pending at most
        assertThat(fifth.headers("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith(names.get(0) + "=;").contains("Max-Age=0"))
                .anySatisfy(c -> assertThat(c).startsWith(names.get(1) + "=;").contains("Max-Age=0"))
                .noneSatisfy(c -> assertThat(c).startsWith(names.get(3) + "="));
        Http.Answer tooLong = g.http().get(g.base() + "/login/wecom?return_to=" + Gateway.enc("/" + "中".repeat(200)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("return_to_not_allowed");
    }
}
