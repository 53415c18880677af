package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 7, hole 4: failures are counted per address and minute, and slow the guesser without
 * refusing a correct login from the same address (the office behind one NAT): a login with a valid
 * state is never refused for others' failures; the flows without a state are, past the limit.
 * Codes the upstream refuses count too, so bogus codes stop reaching the upstream.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.login.failed-logins-per-minute=5")
class LoginRateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    MovableClock clock;

    @AfterEach
    void nextMinute() {
        // every test starts in a fresh minute of its own
        clock.advance(Duration.ofMinutes(5));
    }

    private String wecomMiniCode(Gateway g, String userid) {
        return g.mint(Map.of("flow", "wecom-miniprogram", "agentid", Gateway.AGENT_ID, "userid", userid))
                .get("code")
                .asString();
    }

    @Test
    void loginWhenSixtyJunkPostsFromTheSameAddressThenCorrectLoginsStillSucceed() {
        Gateway g = new Gateway(port, sandbox);
        for (int i = 0; i < 60; i++) {
            assertThat(g.login("junk-" + i, "A".repeat(32)).status()).isIn(400, 429);
        }

        Http.Answer api = g.login(g.code("lisi"), g.newState());
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("wangwu", "snsapi_base", r));

        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(browser.callback().status()).as(browser.callback().body()).isEqualTo(302);
    }

    @Test
    void miniProgramLoginWhenAddressHadFiveRefusedCodesThenTooManyRequestsUntilTheMinuteEnds() {
        Gateway g = new Gateway(port, sandbox);
        for (int i = 0; i < 5; i++) {
            // well-formed codes that WeCom refuses (40029): refusals by the upstream count
            Http.Answer bogus =
                    g.postApi("/api/v1/login/wecom-miniprogram", Map.of("code", "bogus" + i + "x".repeat(20)));
            assertThat(bogus.json().get("error").asString()).isEqualTo("invalid_code");
        }
        long upstreamCalls = sandbox.stats().getOrDefault("/cgi-bin/miniprogram/jscode2session", 0L);

        Http.Answer limited = g.postApi("/api/v1/login/wecom-miniprogram", Map.of("code", wecomMiniCode(g, "zhaoliu")));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asString()).isEqualTo("too_many_failed_logins");
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        // refused before the upstream: the guesser burns no more upstream quota
        assertThat(sandbox.stats().getOrDefault("/cgi-bin/miniprogram/jscode2session", 0L))
                .isEqualTo(upstreamCalls);
        clock.advance(Duration.ofMinutes(1));
        assertThat(g.postApi("/api/v1/login/wecom-miniprogram", Map.of("code", wecomMiniCode(g, "zhaoliu")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void loginWhenForwardedForComesFromAnUntrustedClientThenItIsIgnored() {
        Gateway g = new Gateway(port, sandbox);
        for (int i = 0; i < 5; i++) {
            // a guesser rotating X-Forwarded-For does not get a fresh budget per header value
            Http.Answer a = g.http()
                    .send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(g.base() + "/api/v1/login/wecom-miniprogram"))
                            .header("Content-Type", "application/json")
                            .header("X-Forwarded-For", "198.51.100." + i)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"code\":\"bogus" + i + "xxxxxxxxxxxxxxxxxxxx\"}")));
            assertThat(a.status()).isEqualTo(400);
        }

        assertThat(g.postApi("/api/v1/login/wecom-miniprogram", Map.of("code", wecomMiniCode(g, "sunqi")))
                        .status())
                .isEqualTo(429);
    }
}
