package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.account.AccountStore;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Bad input for every flow: expired codes (5 minutes; 10 for website login), replayed codes, wrong
 * states. Each gives a clear 4xx with the upstream errcode where there is one, and no account change.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.test.context=every-flow-rejection")
class EveryFlowRejectionTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    Gateway g;

    @BeforeEach
    void setUp() {
        g = new Gateway(port, sandbox);
    }

    @AfterEach
    void tearDown() {
        sandbox.clearFaults();
    }

    /** A flow: how to mint a code for a redirect URI, and how to use it. */
    record Flow(String name, String start, BiFunction<Ctx, String, String> mint, boolean browser) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Ctx(Gateway g, Sandbox sandbox) {
        String appid(WeChatFixture.Kind kind) {
            return sandbox.fixture().wechatApps().stream()
                    .filter(a -> a.kind() == kind && a.unionidBound())
                    .findFirst()
                    .orElseThrow()
                    .appid();
        }

        String mint(Map<String, Object> body) {
            return g.mint(body).get("code").asString();
        }
    }

    static Stream<Flow> flows() {
        return Stream.of(
                new Flow(
                        "wecom-web",
                        "/login/wecom?return_to=/",
                        (c, r) -> c.mint(Map.of(
                                "flow", "wecom-web", "agentid", "1000002", "userid", "zhouba", "redirect_uri", r)),
                        true),
                new Flow(
                        "wecom-qr",
                        "/login/wecom-qr?return_to=/",
                        (c, r) -> c.mint(Map.of(
                                "flow", "wecom-qr", "agentid", "1000002", "userid", "zhouba", "redirect_uri", r)),
                        true),
                new Flow(
                        "wechat-mp",
                        "/login/wechat-mp?return_to=/",
                        (c, r) -> c.mint(Map.of(
                                "flow",
                                "wechat-mp",
                                "appid",
                                c.appid(WeChatFixture.Kind.OFFICIAL_ACCOUNT),
                                "user",
                                "laowang",
                                "scope",
                                "snsapi_userinfo",
                                "redirect_uri",
                                r)),
                        true),
                new Flow(
                        "wechat-open",
                        "/login/wechat-open?return_to=/",
                        (c, r) -> c.mint(Map.of(
                                "flow",
                                "wechat-open",
                                "appid",
                                c.appid(WeChatFixture.Kind.WEBSITE),
                                "user",
                                "laowang",
                                "redirect_uri",
                                r)),
                        true),
                new Flow(
                        "wecom-miniprogram",
                        "/api/v1/login/wecom-miniprogram",
                        (c, r) -> c.mint(Map.of("flow", "wecom-miniprogram", "agentid", "1000002", "userid", "zhouba")),
                        false),
                new Flow(
                        "wechat-miniprogram",
                        "/api/v1/login/wechat-miniprogram",
                        (c, r) -> c.mint(Map.of(
                                "flow",
                                "wechat-miniprogram",
                                "appid",
                                c.appid(WeChatFixture.Kind.MINIPROGRAM),
                                "user",
                                "laowang")),
                        false));
    }

    /** Logs in once through {@code f} with a code {@code mint} produces; returns the gateway's answer. */
    private Http.Answer attempt(Flow f, BiFunction<Ctx, String, String> mint) {
        Ctx c = new Ctx(g, sandbox);
        if (f.browser()) {
            return g.browserLogin(f.start(), r -> mint.apply(c, r)).callback();
        }
        return g.postApi(f.start(), Map.of("code", mint.apply(c, null)));
    }

    static Stream<Arguments> expiries() {
        return flows().map(f ->
                Arguments.of(f, f.name().equals("wechat-open") ? Duration.ofSeconds(601) : Duration.ofSeconds(301)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expiries")
    void loginWhenCodeExpiredThenInvalidCodeAndNoAccountChange(Flow f, Duration age) {
        attempt(f, f.mint()); // the person's account exists; only a new account would show up below
        long before = accounts.countAccounts();
        String[] code = new String[1];
        Http.Answer a = attempt(f, (c, r) -> {
            code[0] = f.mint().apply(c, r);
            sandbox.clock().advance(age);
            return code[0];
        });
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.body()).contains("invalid_code").contains("40029");
        assertThat(accounts.countAccounts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void loginWhenCodeReplayedThenInvalidCodeAndNoAccountChange(Flow f) {
        String[] code = new String[1];
        Http.Answer first = attempt(f, (c, r) -> code[0] = f.mint().apply(c, r));
        assertThat(first.status()).as(first.body()).isIn(200, 302);
        long before = accounts.countAccounts();

        Http.Answer again = attempt(f, (c, r) -> code[0]);

        assertThat(again.status()).as(again.body()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_code").containsAnyOf("40029", "40163");
        assertThat(accounts.countAccounts()).isEqualTo(before);
    }

    static Stream<Flow> browserFlows() {
        return flows().filter(Flow::browser);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("browserFlows")
    void callbackWhenStateIsNotTheOneIssuedThenInvalidStateAndNoUpstreamCall(Flow f) {
        long before = accounts.countAccounts();
        long calls =
                sandbox.stats().values().stream().mapToLong(Long::longValue).sum();
        Http.Answer start = g.http().get(g.base() + f.start());
        String cookie = start.headers("Set-Cookie").get(0);
        String callback = start.header("Location").replaceAll(".*[?&]redirect_uri=([^&#]+).*", "$1");
        Http.Answer a = g.http()
                .get(
                        java.net.URLDecoder.decode(callback, java.nio.charset.StandardCharsets.UTF_8)
                                + "?code=whatever&state=" + "B".repeat(32),
                        Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("invalid_state");
        assertThat(accounts.countAccounts()).isEqualTo(before);
        assertThat(sandbox.stats().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(calls);
    }
}
