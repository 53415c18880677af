package io.wegate.server.login.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every bad API-flow request: a clear 4xx with the right error code, and no account change. */
@GatewayTest
class WeComLoginRejectionTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    @Autowired
    MovableClock clock;

    Gateway gateway;

    @BeforeEach
    void setUp() {
        gateway = new Gateway(port, sandbox);
    }

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    record Case(String name, Function<Ctx, Http.Answer> request, int status, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Ctx(Gateway gateway, MovableClock clock) {}

    static Stream<Arguments> cases() {
        return Stream.of(
                        new Case(
                                "replayed code (fresh state) -> upstream 40029",
                                c -> {
                                    String code = c.gateway().code("zhangsan");
                                    assertThat(c.gateway()
                                                    .login(code, c.gateway().newState())
                                                    .status())
                                            .isEqualTo(200);
                                    return c.gateway().login(code, c.gateway().newState());
                                },
                                400,
                                "invalid_code"),
                        new Case(
                                "missing state",
                                c -> c.gateway()
                                        .http()
                                        .postJson(c.gateway().base() + "/api/v1/login/wecom", Map.of("code", "abc")),
                                400,
                                "invalid_state"),
                        new Case(
                                "wrong state",
                                c -> c.gateway().login(c.gateway().code("lisi"), "A".repeat(32)),
                                400,
                                "invalid_state"),
                        new Case(
                                "state with bad characters",
                                c -> c.gateway().login(c.gateway().code("lisi"), "<script>"),
                                400,
                                "invalid_state"),
                        new Case(
                                "replayed state",
                                c -> {
                                    String state = c.gateway().newState();
                                    assertThat(c.gateway()
                                                    .login(c.gateway().code("lisi"), state)
                                                    .status())
                                            .isEqualTo(200);
                                    return c.gateway().login(c.gateway().code("lisi"), state);
                                },
                                400,
                                "invalid_state"),
                        new Case(
                                "expired state",
                                c -> {
                                    String state = c.gateway().newState();
                                    c.clock().advance(Duration.ofMinutes(11));
                                    return c.gateway().login(c.gateway().code("wangwu"), state);
                                },
                                400,
                                "invalid_state"),
                        new Case(
                                "state from the browser flow used in the API flow",
                                c -> {
                                    Http.Answer start =
                                            c.gateway().http().get(c.gateway().base() + "/login/wecom");
                                    String state =
                                            start.header("Location").replaceAll(".*[?&]state=([A-Za-z0-9]+).*", "$1");
                                    return c.gateway().login(c.gateway().code("wangwu"), state);
                                },
                                400,
                                "invalid_state"),
                        new Case(
                                "state redeemed with another client's verifier (code and state planted in its callback)",
                                c -> c.gateway()
                                        .login(
                                                c.gateway().code("wangwu"),
                                                c.gateway().newState(),
                                                Gateway.newVerifier()),
                                400,
                                "invalid_state"),
                        new Case(
                                "state without its verifier",
                                c -> c.gateway()
                                        .http()
                                        .postJson(
                                                c.gateway().base() + "/api/v1/login/wecom",
                                                Map.of(
                                                        "code",
                                                        c.gateway().code("wangwu"),
                                                        "state",
                                                        c.gateway().newState())),
                                400,
                                "invalid_request"),
                        new Case(
                                "authorize-url without state_challenge",
                                c -> c.gateway()
                                        .http()
                                        .get(c.gateway().base() + "/api/v1/login/wecom/authorize-url?redirect_uri="
                                                + Gateway.enc(c.gateway().redirectUri())),
                                400,
                                "invalid_request"),
                        new Case(
                                "authorize-url with a plain state_challenge_method",
                                c -> c.gateway()
                                        .http()
                                        .get(c.gateway().base() + "/api/v1/login/wecom/authorize-url?"
                                                + Gateway.STATE_CHALLENGE
                                                + "&state_challenge_method=plain&redirect_uri="
                                                + Gateway.enc(c.gateway().redirectUri())),
                                400,
                                "invalid_request"),
                        new Case(
                                "redirect_uri not on the allow-list",
                                c -> c.gateway()
                                        .http()
                                        .get(c.gateway().base() + "/api/v1/login/wecom/authorize-url?"
                                                + Gateway.STATE_CHALLENGE + "&redirect_uri="
                                                + Gateway.enc("https://evil.example/callback")),
                                400,
                                "redirect_uri_not_allowed"),
                        new Case(
                                "redirect_uri missing",
                                c -> c.gateway().http().get(c.gateway().base() + "/api/v1/login/wecom/authorize-url"),
                                400,
                                "invalid_request"),
                        new Case(
                                "malformed JSON",
                                c -> c.gateway()
                                        .http()
                                        .postRaw(
                                                c.gateway().base() + "/api/v1/login/wecom",
                                                "application/json",
                                                "{\"code\":"),
                                400,
                                "invalid_request"),
                        new Case(
                                "JSON of the wrong shape",
                                c -> c.gateway()
                                        .http()
                                        .postRaw(
                                                c.gateway().base() + "/api/v1/login/wecom",
                                                "application/json",
                                                "[1,2]"),
                                400,
                                "invalid_request"),
                        new Case(
                                "not JSON at all",
                                c -> c.gateway()
                                        .http()
                                        .postRaw(c.gateway().base() + "/api/v1/login/wecom", "text/plain", "code=x"),
                                415,
                                "unsupported_media_type"),
                        new Case(
                                "oversized body",
                                c -> c.gateway()
                                        .login("x".repeat(20_000), c.gateway().newState()),
                                413,
                                "request_too_large"),
                        new Case(
                                "code longer than WeCom's 512 bytes",
                                c -> c.gateway()
                                        .login("x".repeat(600), c.gateway().newState()),
                                400,
                                "invalid_code"),
                        new Case(
                                "code with control characters",
                                c -> c.gateway().login("abc\ndef", c.gateway().newState()),
                                400,
                                "invalid_code"),
                        new Case(
                                "empty code",
                                c -> c.gateway().login("", c.gateway().newState()),
                                400,
                                "invalid_request"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loginWhenRequestIsBadThenClearClientErrorAndNoAccountChange(Case c) {
        // warm up accounts the cases log in as, so that only the rejected request could add one
        for (String u : new String[] {"zhangsan", "lisi", "wangwu"}) {
            gateway.loginAs(u);
        }
        long before = accounts.countAccounts();

        Http.Answer a = c.request().apply(new Ctx(gateway, clock));

        assertThat(a.status()).as(a.body()).isEqualTo(c.status());
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(a.json().get("error").asString()).isEqualTo(c.error());
        assertThat(a.json().get("message").asString()).isNotBlank();
        assertThat(a.json().get("message_zh").asString()).isNotBlank();
        assertThat(a.json().get("request_id").asString()).isNotBlank();
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("at io.wegate");
        assertThat(accounts.countAccounts()).isEqualTo(before);
    }
}
