package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The logout, device-flow and PAR paths with DEBUG logs: no ID token hint, device or user code,
 * request_uri, logout confirmation token or issued token reaches a log line.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "logging.level.io.wegate=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
            "wegate.oidc.clients[0].client-id=rp1",
            "wegate.oidc.clients[0].client-secret={noop}rp1-secret",
            "wegate.oidc.clients[0].redirect-uris=https://rp1.example.test/cb",
            "wegate.oidc.clients[0].post-logout-redirect-uris=https://rp1.example.test/bye",
            "wegate.oidc.clients[0].scopes=openid,profile"
        })
class OidcFlowsLogRedactionTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    MovableClock clock;

    @Test
    void logsWhenLogoutDeviceFlowAndParRunThenNoCodeHintOrTokenAppears(CapturedOutput output) {
        Gateway g = new Gateway(port, sandbox);
        Rp rp = new Rp(g, "rp1");
        List<String> secrets = new ArrayList<>();
        try {
            // PAR, with the login detour
            String verifier = Gateway.newVerifier();
            Http.Answer par = rp.post(
                    "/oauth2/par",
                    "client_id=rp1&response_type=code&scope=openid&state=s&redirect_uri=" + Gateway.enc(rp.redirect())
                            + "&code_challenge=" + Gateway.challenge(verifier) + "&code_challenge_method=S256");
            String requestUri = par.json().get("request_uri").asString();
            secrets.add(requestUri.substring(requestUri.lastIndexOf(':') + 1));
            String cookie = Rp.browserSession(g, "zhangsan");
            g.http().get(g.base() + "/oauth2/authorize?client_id=rp1&request_uri=" + Gateway.enc(requestUri));
            Http.Answer authorized = g.http()
                    .get(
                            g.base() + "/oauth2/authorize?client_id=rp1&request_uri=" + Gateway.enc(requestUri),
                            Map.of("Cookie", cookie));
            JsonNode tokens = rp.exchange(Rp.code(authorized.header("Location")), verifier);
            tokens.properties().forEach(e -> secrets.add(e.getValue().asString()));

            // the device flow, approved
            DeviceClient.register(clients);
            DeviceClient device = new DeviceClient(g);
            JsonNode codes = device.authorize();
            secrets.add(codes.get("device_code").asString());
            secrets.add(codes.get("user_code").asString());
            device.poll(codes.get("device_code").asString());
            device.open("BCDF-BCDF", cookie);
            device.answer(device.open(codes.get("user_code").asString(), cookie), cookie, true);
            clock.advance(Duration.ofSeconds(6));
            JsonNode deviceTokens =
                    device.poll(codes.get("device_code").asString()).json();
            secrets.add(deviceTokens.get("access_token").asString());
            secrets.add(deviceTokens.get("refresh_token").asString());

            // logout without a hint (the confirmation page), then with the hint
            Http.Answer ask = g.http().get(g.base() + "/connect/logout", Map.of("Cookie", cookie));
            secrets.add(ask.body().replaceAll("(?s).*name=\"wegate_logout_confirmation\" value=\"([^\"]+)\".*", "$1"));
            g.http()
                    .get(
                            g.base() + "/connect/logout?id_token_hint="
                                    + tokens.get("id_token").asString() + "&post_logout_redirect_uri="
                                    + Gateway.enc(rp.postLogout()),
                            Map.of("Cookie", cookie));
        } finally {
            clock.reset();
        }

        String logs = output.getAll();
        assertThat(logs).contains("/connect/logout").contains("/oauth2/device_verification");
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 8) {
                assertThat(logs).as("a log line shows a secret").doesNotContain(secret);
            }
        }
    }
}
