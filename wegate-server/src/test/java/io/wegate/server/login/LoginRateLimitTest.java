package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Failed logins are counted per address and minute; successful ones never are. */
@GatewayTest
@TestPropertySource(properties = "wegate.login.failed-logins-per-minute=5")
class LoginRateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    MovableClock clock;

    @Test
    void loginWhenFiveFailuresThisMinuteThenTooManyRequestsUntilTheMinuteEnds() {
        Gateway g = new Gateway(port, sandbox);
        for (int i = 0; i < 8; i++) {
            assertThat(g.loginAs("zhangsan").get("token_type").asString()).isEqualTo("Bearer");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(g.login("bad-code", "A".repeat(32)).status()).isEqualTo(400);
        }

        Http.Answer limited = g.login(g.code("lisi"), g.newState());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asString()).isEqualTo("too_many_failed_logins");
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        clock.advance(Duration.ofMinutes(1));
        assertThat(g.login(g.code("lisi"), g.newState()).status()).isEqualTo(200);
        clock.reset();
    }

    @Test
    void loginWhenUpstreamRefusesGuessedCodesThenTheyCountAsFailures() {
        clock.advance(Duration.ofMinutes(10)); // a minute of its own, whatever ran before
        Gateway g = new Gateway(port, sandbox);
        for (int i = 0; i < 5; i++) {
            // well-formed and with a valid state: only WeCom can tell the code is a guess (40029)
            Http.Answer guess = g.login("G".repeat(32) + i, g.newState());
            assertThat(guess.status()).as(guess.body()).isEqualTo(400);
            assertThat(guess.json().get("upstream_errcode").asInt()).isEqualTo(40029);
        }

        Http.Answer limited = g.login(g.code("lisi"), g.newState());

        assertThat(limited.status()).isEqualTo(429);
        clock.reset();
    }
}
