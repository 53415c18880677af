package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a configured proxy (here: the test itself, on 127.0.0.1) the limits count the address the
 * proxy forwarded, so one user's failures do not limit another user behind the same proxy (a
 * mini program's back end forwarding for every phone).
 */
@GatewayTest
@TestPropertySource(
        properties = {
            "wegate.login.failed-logins-per-minute=3",
            "server.forward-headers-strategy=native",
            "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.1"
        })
class TrustedProxyRateLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private Http.Answer miniLogin(Gateway g, String forwardedFor, String code) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/api/v1/login/wecom-miniprogram"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")));
    }

    @Test
    void loginWhenTrustedProxyForwardsThenFailuresCountPerForwardedAddress() {
        Gateway g = new Gateway(port, sandbox);
        for (int i = 0; i < 3; i++) {
            assertThat(miniLogin(g, "203.0.113.7", "bogus" + i + "xxxxxxxxxxxxxxxxxxxx")
                            .status())
                    .isEqualTo(400);
        }
        String code = g.mint(Map.of("flow", "wecom-miniprogram", "agentid", Gateway.AGENT_ID, "userid", "lisi"))
                .get("code")
                .asString();

        assertThat(miniLogin(g, "203.0.113.7", "bogus9xxxxxxxxxxxxxxxxxxxx").status())
                .isEqualTo(429);
        assertThat(miniLogin(g, "203.0.113.8", code).status()).isEqualTo(200);
    }
}
