package io.wegate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With proactive refresh, the token refresh at the end of a lifetime happens off the login path. */
@GatewayTest
@TestPropertySource(
        properties = {"wegate.upstream.proactive-refresh=true", "wegate.upstream.proactive-refresh-interval=1h"})
class ProactiveTokenRefreshTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    MovableClock clock;

    @Autowired
    ProactiveTokenRefresh refresher;

    @Autowired
    LoginApps apps;

    @Test
    void refreshWhenTokenEntersTheMarginThenFetchedInTheBackgroundAndLoginsDoNotCallGettoken() {
        Gateway g = new Gateway(port, sandbox);
        refresher.refresh();
        g.loginAs("zhangsan");
        long afterFirst = g.gettokenCalls();

        // both clocks reach the last minutes of the token's life; WeCom issues the next one after expiry
        clock.advance(Duration.ofSeconds(7201));
        sandbox.clock().advance(Duration.ofSeconds(7201));
        refresher.refresh();
        long afterBackground = g.gettokenCalls();
        g.loginAs("lisi");

        // one gettoken per WeCom app, all in the background
        assertThat(afterBackground - afterFirst).isEqualTo(apps.wecom().size());
        assertThat(g.gettokenCalls()).isEqualTo(afterBackground);
        clock.reset();
    }
}
