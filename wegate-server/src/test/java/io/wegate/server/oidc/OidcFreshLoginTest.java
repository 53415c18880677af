package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

/**
 * prompt=login and max_age: a fresh upstream login even with a session, which then satisfies the
 * request (no loop), while the old session, a forged or stale mark cannot skip it; auth_time in the
 * ID token is the fresh login's; prompt=none with a session stays silent.
 */
@GatewayTest
class OidcFreshLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private OidcFlow rp(Gateway g) {
        return OidcFlow.client(g, clients, "fresh-rp", List.of("openid", "profile"), true, Map.of());
    }

    private long codes() {
        return sandbox.stats().getOrDefault("/cgi-bin/auth/getuserinfo", 0L);
    }

    /** Follows wegate's login for {@code back} (a /login?return_to=... location) as {@code userid}. */
    private Gateway.BrowserLogin freshLogin(Gateway g, String loginLocation, String userid) {
        assertThat(loginLocation).startsWith("/login?return_to=");
        String back = URLDecoder.decode(loginLocation.substring("/login?return_to=".length()), StandardCharsets.UTF_8);
        Gateway.BrowserLogin again =
                g.browserLogin("/login/wecom?return_to=" + Gateway.enc(back), r -> g.code(userid, "snsapi_base", r));
        assertThat(again.callback().status()).as(again.callback().body()).isEqualTo(302);
        return again;
    }

    @Test
    void whenPromptLoginWithASessionThenAFreshUpstreamLoginThenTheCodeAndTheOldSessionCannotSkipIt() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = rp(g);
        Gateway.BrowserLogin old = g.browserLogin("/login/wecom?return_to=/", r -> g.code("lisi", "snsapi_base", r));
        clock.advance(Duration.ofSeconds(5));
        String verifier = Gateway.newVerifier();
        long before = codes();

        Http.Answer asked = rp.authorize(old.sessionCookie(), "openid profile", verifier, "&prompt=login");

        assertThat(asked.status()).isEqualTo(302);
        String location = asked.header("Location");
        assertThat(location).startsWith("/login?return_to=").contains(FreshLogin.MARK);
        long freshFrom = clock.instant().getEpochSecond();
        Gateway.BrowserLogin fresh = freshLogin(g, location, "lisi");
        assertThat(codes() - before).isEqualTo(1);
        // the login comes back to the very request, which now gives a code (no loop)
        String back = fresh.callback().header("Location");
        assertThat(back).startsWith("/oauth2/authorize?").contains("prompt=login");
        String code = rp.code(rp.get(back, fresh.sessionCookie()));
        JsonNode id = Gateway.claims(rp.exchange(code, verifier).get("id_token").asString());
        // the fresh login's time, not the session's older one
        assertThat(id.get("auth_time").asLong())
                .isBetween(freshFrom, clock.instant().getEpochSecond());

        // the same marked request with the old session: its login is older than the mark, so login again
        Http.Answer withOld = rp.get(back, old.sessionCookie());
        assertThat(withOld.status()).isEqualTo(302);
        assertThat(withOld.header("Location")).startsWith("/login?return_to=");
        // a forged mark (moved back in time) or a stale one (past its window) is no mark at all
        String forged = back.replaceAll(FreshLogin.MARK + "=(\\d+)", FreshLogin.MARK + "=1");
        assertThat(rp.get(forged, old.sessionCookie()).header("Location")).startsWith("/login?return_to=");
        clock.advance(FreshLogin.WINDOW.plusMinutes(1));
        assertThat(rp.get(back, fresh.sessionCookie()).header("Location")).startsWith("/login?return_to=");
    }

    @Test
    void whenMaxAgeThenOlderLoginsLogInAgainAndNewerOnesGoStraightThrough() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = rp(g);
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("wangwu", "snsapi_base", r));
        clock.advance(Duration.ofMinutes(30));

        // large enough: straight to the client
        rp.code(rp.authorize(browser.sessionCookie(), "openid", Gateway.newVerifier(), "&max_age=3600"));
        // too small: wegate's login; with prompt=none, login_required and no page
        Http.Answer old = rp.authorize(browser.sessionCookie(), "openid", Gateway.newVerifier(), "&max_age=600");
        assertThat(old.header("Location")).startsWith("/login?return_to=");
        Http.Answer silent =
                rp.authorize(browser.sessionCookie(), "openid", Gateway.newVerifier(), "&max_age=600&prompt=none");
        assertThat(silent.header("Location")).startsWith(rp.redirect + "?error=login_required");
        // max_age=0 is prompt=login
        String verifier = Gateway.newVerifier();
        Http.Answer zero = rp.authorize(browser.sessionCookie(), "openid", verifier, "&max_age=0");
        long freshFrom = clock.instant().getEpochSecond();
        Gateway.BrowserLogin fresh = freshLogin(g, zero.header("Location"), "wangwu");
        String code = rp.code(rp.get(fresh.callback().header("Location"), fresh.sessionCookie()));
        JsonNode id = Gateway.claims(rp.exchange(code, verifier).get("id_token").asString());
        // the fresh login's time, not the session's older one
        assertThat(id.get("auth_time").asLong())
                .isBetween(freshFrom, clock.instant().getEpochSecond());
    }

    @Test
    void whenPromptNoneWithASessionThenTheCodeWithoutAnyPage() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = rp(g);
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhaoliu", "snsapi_base", r));
        long before = codes();

        rp.code(rp.authorize(browser.sessionCookie(), "openid profile", Gateway.newVerifier(), "&prompt=none"));

        assertThat(codes()).isEqualTo(before);
    }
}
