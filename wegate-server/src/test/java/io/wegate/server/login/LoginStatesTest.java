package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.server.WegateProperties;
import io.wegate.server.account.LinkIntent;
import io.wegate.server.error.ApiException;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.MovableClock;
import io.wegate.server.web.PublicBaseUrl;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.web.MockHttpServletRequest;

/** The signed, store-free login states: what they accept, what they refuse, and that starting stores nothing. */
class LoginStatesTest {

    /** A fake store that counts what reaches it. */
    static final class CountingUsedStates implements UsedStates {
        final AtomicInteger calls = new AtomicInteger();
        final ConcurrentHashMap<String, Boolean> used = new ConcurrentHashMap<>();

        @Override
        public boolean firstUse(String id, Duration ttl) {
            calls.incrementAndGet();
            return used.putIfAbsent(id, true) == null;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final CountingUsedStates used = new CountingUsedStates();

    private LoginStates states(byte[] key, String publicBase) {
        return new LoginStates(
                key,
                used,
                clock,
                new LoginProperties(List.of(), List.of(), Duration.ofMinutes(10)),
                new SecureRandom(),
                new PublicBaseUrl(new WegateProperties(publicBase == null ? null : URI.create(publicBase), null)));
    }

    private final LoginStates states = states(new byte[32], null);

    private static MockHttpServletRequest withCookie(ResponseCookie c) {
        MockHttpServletRequest r = new MockHttpServletRequest();
        r.setCookies(new Cookie(c.getName(), c.getValue()));
        return r;
    }

    @Test
    void beginWhenHundredThousandLoginsStartThenNothingIsStored() {
        String challenge = Gateway.challenge(Gateway.TEST_VERIFIER);
        for (int i = 0; i < 50_000; i++) {
            states.beginApi("wecom-api", 0, "default", challenge);
            states.beginBrowser("wecom-web", "default", "/", "http://localhost/login/wecom/callback", null);
        }
        assertThat(used.calls).hasValue(0);
    }

    @Test
    void finishBrowserWhenCookieOfThisStateThenAcceptedOnceWithEverythingItCarried() {
        LoginStates.BrowserStart s = states.beginBrowser(
                "wecom-web", "default", "/x?y=1", "http://localhost/cb", new LinkIntent("acct", "login"));

        LoginState state = states.finishBrowser(s.state(), "wecom-web", withCookie(s.cookie()));

        assertThat(state.returnTo()).isEqualTo("/x?y=1");
        assertThat(state.link()).isEqualTo(new LinkIntent("acct", "login"));
        assertThatThrownBy(() -> states.finishBrowser(s.state(), "wecom-web", withCookie(s.cookie())))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void finishBrowserWhenCookieMissingForgedOtherFlowOtherKeyOrExpiredThenRefused() {
        LoginStates.BrowserStart s = states.beginBrowser("wecom-web", "default", "/", "http://localhost/cb", null);
        LoginStates.BrowserStart other = states.beginBrowser("wecom-web", "default", "/", "http://localhost/cb", null);
        String[] parts = s.cookie().getValue().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        LoginStates.BrowserStart foreignKey = states(
                        new byte[] {
                            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
                            26, 27, 28, 29, 30, 31, 32
                        },
                        null)
                .beginBrowser("wecom-web", "default", "/", "http://localhost/cb", null);

        MockHttpServletRequest noCookie = new MockHttpServletRequest();
        MockHttpServletRequest wrongCookie = withCookie(other.cookie());
        MockHttpServletRequest planted = new MockHttpServletRequest();
        planted.setCookies(new Cookie(s.cookie().getName(), tampered));
        MockHttpServletRequest otherKey = new MockHttpServletRequest();
        otherKey.setCookies(new Cookie(
                states.cookieName(foreignKey.state()), foreignKey.cookie().getValue()));

        for (MockHttpServletRequest r : List.of(noCookie, wrongCookie, planted)) {
            assertThatThrownBy(() -> states.finishBrowser(s.state(), "wecom-web", r))
                    .isInstanceOf(ApiException.class);
        }
        assertThatThrownBy(() -> states.finishBrowser(foreignKey.state(), "wecom-web", otherKey))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> states.finishBrowser(s.state(), "wecom-qr", withCookie(s.cookie())))
                .isInstanceOf(ApiException.class);
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> states.finishBrowser(s.state(), "wecom-web", withCookie(s.cookie())))
                .isInstanceOf(ApiException.class);
        // none of the refusals used the state up: nothing reached the store
        assertThat(used.calls).hasValue(0);
    }

    @Test
    void finishApiWhenVerifierOfAnotherClientOrAnotherAppOrExpiredThenRefused() {
        String mine = Gateway.newVerifier();
        String state = states.beginApi("wecom-api", 1, "attendance", Gateway.challenge(mine));

        assertThatThrownBy(() -> states.finishApi(state, "wecom-api", Gateway.newVerifier(), i -> "attendance"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> states.finishApi(state, "wecom-api", mine, i -> "default"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> states.finishApi(state, "wecom-api", null, i -> "attendance"))
                .isInstanceOf(ApiException.class);
        assertThat(states.finishApi(state, "wecom-api", mine, i -> i == 1 ? "attendance" : null)
                        .appId())
                .isEqualTo("attendance");
        assertThatThrownBy(() -> states.finishApi(state, "wecom-api", mine, i -> "attendance"))
                .isInstanceOf(ApiException.class);
        String late = states.beginApi("wecom-api", 0, "default", Gateway.challenge(mine));
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> states.finishApi(late, "wecom-api", mine, i -> "default"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void statesWhenMadeThenAlphanumericAndAtMost128CharactersAsWeComEchoesThem() {
        assertThat(states.beginApi("wecom-api", 0, "default", Gateway.challenge(Gateway.TEST_VERIFIER)))
                .matches("[A-Za-z0-9]{1,128}");
        assertThat(states.beginBrowser("wecom-web", "default", "/", "http://localhost/cb", null)
                        .state())
                .matches("[A-Za-z0-9]{1,128}");
    }

    @Test
    void cookieWhenPublicBaseIsHttpsThenHostPrefixedSecureAndPathRoot() {
        ResponseCookie c = states(new byte[32], "https://login.example.com")
                .beginBrowser("wecom-web", "default", "/", "https://login.example.com/cb", null)
                .cookie();
        assertThat(c.getName()).startsWith("__Host-WEGATE_LOGIN_");
        assertThat(c.isSecure()).isTrue();
        assertThat(c.getPath()).isEqualTo("/");
        assertThat(c.getDomain()).isNull();
        assertThat(c.isHttpOnly()).isTrue();
    }

    @Test
    void finishBrowserWhenASecondCookieOfTheSameNameIsPlantedThenRefused() {
        LoginStates.BrowserStart s = states.beginBrowser("wecom-web", "default", "/", "http://localhost/cb", null);
        LoginStates.BrowserStart attackers =
                states.beginBrowser("wecom-web", "default", "/", "http://localhost/cb", null);
        MockHttpServletRequest r = new MockHttpServletRequest();
        // a sibling host's cookie with a longer path comes first; the genuine one second
        r.setCookies(
                new Cookie(s.cookie().getName(), attackers.cookie().getValue()),
                new Cookie(s.cookie().getName(), s.cookie().getValue()));

        assertThatThrownBy(() -> states.finishBrowser(s.state(), "wecom-web", r))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void clearingOldestWhenBrowserCarriesFiveLoginCookiesThenTheOldestBeyondTheLimitAreRemoved() {
        MockHttpServletRequest r = new MockHttpServletRequest();
        Cookie[] cookies = new Cookie[6];
        for (int i = 0; i < 5; i++) {
            ResponseCookie c = states.beginBrowser("wecom-web", "default", "/", "http://localhost/cb", null)
                    .cookie();
            cookies[i] = new Cookie(c.getName(), c.getValue());
        }
        cookies[5] = new Cookie("WEGATE_SESSION", "x");
        r.setCookies(cookies);

        List<ResponseCookie> cleared = states.clearingOldest(r, 2);

        assertThat(cleared)
                .extracting(ResponseCookie::getName)
                .containsExactly(cookies[0].getName(), cookies[1].getName(), cookies[2].getName());
        assertThat(cleared).allSatisfy(c -> assertThat(c.getMaxAge()).isEqualTo(Duration.ZERO));
    }

    @Test
    void rateLimitKeyWhenIpv6ThenTheSlash64AndIpv4AsItIs() {
        assertThat(LoginRateLimit.client("2001:db8:1:2:aaaa::1"))
                .isEqualTo(LoginRateLimit.client("2001:db8:1:2::ffff"));
        assertThat(LoginRateLimit.client("2001:db8:1:2::1")).isNotEqualTo(LoginRateLimit.client("2001:db8:1:3::1"));
        assertThat(LoginRateLimit.client("0:0:0:0:0:0:0:1"))
                .isEqualTo("00000000000000000000000000000000".substring(0, 16) + "::/64");
        assertThat(LoginRateLimit.client("198.51.100.7")).isEqualTo("198.51.100.7");
    }
}
