package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 7, hole 8: a flood of unauthenticated login starts can neither evict a live login nor grow
 * any store: states are stored nowhere until redeemed. Past {@code wegate.login.starts-per-minute}
 * an address's starts are refused cheaply.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.login.starts-per-minute=2000")
class LoginStartFloodTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    io.wegate.server.support.MovableClock clock;

    @org.junit.jupiter.api.AfterEach
    void thawTheClock() {
        clock.reset();
    }

    @Test
    void loginWhenThousandsOfStartsFloodTheGatewayThenLiveLoginsStillFinishAndTheFloodIsCutOff() {
        Gateway g = new Gateway(port, sandbox);
        String apiState = g.newState();
        // the limit counts per clock minute: the whole flood falls in one, however long it takes
        clock.freeze();
        int refused = 0;
        for (int i = 0; i < 2100; i++) {
            Http.Answer a = g.http()
                    .get(g.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE + "&redirect_uri="
                            + Gateway.enc(g.redirectUri()));
            if (a.status() == 429) {
                refused++;
                assertThat(a.json().get("error").asString()).isEqualTo("too_many_login_starts");
            } else {
                assertThat(a.status()).isEqualTo(200);
            }
        }

        assertThat(refused).isGreaterThanOrEqualTo(100);
        // the login started before the flood is intact
        assertThat(g.login(g.code("zhangsan"), apiState).status()).isEqualTo(200);
    }
}
