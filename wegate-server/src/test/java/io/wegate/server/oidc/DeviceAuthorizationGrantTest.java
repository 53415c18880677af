package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

/**
 * The device authorization grant (RFC 8628) over HTTP: codes, the person's confirmation on wegate's
 * pages after wegate's login, the device's polling ({@code authorization_pending}, {@code slow_down},
 * {@code expired_token}, {@code access_denied}), and wrong user codes rate-limited. The browser
 * through the WeCom QR page is {@link DeviceFlowChromiumTest}.
 */
@FlowsTest
class DeviceAuthorizationGrantTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    MovableClock clock;

    @BeforeEach
    void registerDevice() {
        DeviceClient.register(clients);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    @Test
    void whenTheDeviceAsksThenItGetsCodesAnIntervalAndWegatesVerificationUris() {
        Gateway g = g();
        JsonNode codes = new DeviceClient(g).authorize();

        assertThat(codes.get("user_code").asString()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(codes.get("device_code").asString()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(codes.get("interval").asLong()).isEqualTo(5);
        assertThat(codes.get("expires_in").asLong()).isBetween(295L, 300L);
        assertThat(codes.get("verification_uri").asString()).isEqualTo(g.base() + "/oauth2/device_verification");
        assertThat(codes.get("verification_uri_complete").asString())
                .isEqualTo(g.base() + "/oauth2/device_verification?user_code="
                        + codes.get("user_code").asString());
    }

    @Test
    void whenAClientWithoutTheGrantOrWithoutCredentialsAsksThenRefused() {
        Gateway g = g();
        Http.Answer noGrant = new Rp(g, "rp1").post("/oauth2/device_authorization", "scope=profile");
        assertThat(noGrant.status()).isEqualTo(400);
        assertThat(noGrant.json().get("error").asString()).isEqualTo("unauthorized_client");
        Http.Answer anonymous = g.http()
                .postRaw(
                        g.base() + "/oauth2/device_authorization", "application/x-www-form-urlencoded", "client_id=tv");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void whenThePersonApprovesThenTheDevicesPollGetsTokensOfTheirWegateLogin() {
        Gateway g = g();
        DeviceClient device = new DeviceClient(g);
        JsonNode codes = device.authorize();
        String deviceCode = codes.get("device_code").asString();
        assertThat(DeviceClient.error(device.poll(deviceCode))).isEqualTo("authorization_pending");
        // without a session the verification URI goes through wegate's own login and comes back
        Http.Answer anonymous =
                g.http().get(codes.get("verification_uri_complete").asString());
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location"))
                .isEqualTo("/login?return_to="
                        + Gateway.enc("/oauth2/device_verification?user_code="
                                + Gateway.enc(codes.get("user_code").asString())));
        Gateway.BrowserLogin browser = g.browserLogin(
                "/login/wecom?return_to="
                        + Gateway.enc("/oauth2/device_verification?user_code="
                                + codes.get("user_code").asString()),
                r -> g.code("lisi", "snsapi_base", r));
        String cookie = browser.sessionCookie();
        String accountId = browser.tokens(g).get("account").get("id").asString();
        String back = browser.callback().header("Location");
        assertThat(back).startsWith("/oauth2/device_verification?user_code=");

        Http.Answer approved = device.answer(g.http().get(g.base() + back, Map.of("Cookie", cookie)), cookie, true);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("id=\"device-approved\"");
        clock.advance(Duration.ofSeconds(6));
        Http.Answer tokens = device.poll(deviceCode);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        JsonNode access = Gateway.claims(tokens.json().get("access_token").asString());
        assertThat(access.get("sub").asString()).isEqualTo(accountId);
        assertThat(access.get("sid").asString()).isNotBlank();
        assertThat(access.get("amr").toString()).isEqualTo("[\"wecom\",\"wecom-web\"]");
        assertThat(access.get("acr").asString()).isEqualTo("urn:wegate:wecom:wecom-web");
        assertThat(access.get("client_id").asString()).isEqualTo("tv");
        // the device code is good for one exchange
        clock.advance(Duration.ofSeconds(6));
        assertThat(DeviceClient.error(device.poll(deviceCode))).isEqualTo("invalid_grant");
        // and the tokens refresh like any other
        Http.Answer refreshed = device.post(
                "/oauth2/token",
                "grant_type=refresh_token&refresh_token="
                        + Gateway.enc(tokens.json().get("refresh_token").asString()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(Gateway.claims(refreshed.json().get("access_token").asString())
                        .get("sid")
                        .asString())
                .isEqualTo(access.get("sid").asString());
    }

    @Test
    void whenTheDevicePollsFasterThanTheIntervalThenSlowDownAndTheIntervalGrows() {
        Gateway g = g();
        DeviceClient device = new DeviceClient(g);
        String deviceCode = device.authorize().get("device_code").asString();

        assertThat(DeviceClient.error(device.poll(deviceCode))).isEqualTo("authorization_pending");
        assertThat(DeviceClient.error(device.poll(deviceCode))).isEqualTo("slow_down");
        // the interval is now 10 s: 6 s later is still too soon (and it grows to 15 s)
        clock.advance(Duration.ofSeconds(6));
        assertThat(DeviceClient.error(device.poll(deviceCode))).isEqualTo("slow_down");
        clock.advance(Duration.ofSeconds(15));
        assertThat(DeviceClient.error(device.poll(deviceCode))).isEqualTo("authorization_pending");
    }

    @Test
    void whenTheDeviceCodeOutlivesItsLifetimeThenExpiredTokenAndTheUserCodeNoLongerWorks() {
        Gateway g = g();
        DeviceClient device = new DeviceClient(g);
        JsonNode codes = device.authorize();
        String cookie = Rp.browserSession(g, "wangwu");

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(DeviceClient.error(device.poll(codes.get("device_code").asString())))
                .isEqualTo("expired_token");
        Http.Answer late = device.open(codes.get("user_code").asString(), cookie);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.header("Location")).isNull();
        assertThat(late.body()).contains("invalid_grant");
        clock.advance(Duration.ofSeconds(10));
        assertThat(DeviceClient.error(device.poll(codes.get("device_code").asString())))
                .isEqualTo("expired_token");
    }

    @Test
    void whenThePersonRefusesThenTheDeviceGetsAccessDenied() {
        Gateway g = g();
        DeviceClient device = new DeviceClient(g);
        JsonNode codes = device.authorize();
        String cookie = Rp.browserSession(g, "zhaoliu");

        Http.Answer refused = device.answer(device.open(codes.get("user_code").asString(), cookie), cookie, false);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"device-denied\"");
        assertThat(DeviceClient.error(device.poll(codes.get("device_code").asString())))
                .isEqualTo("access_denied");
    }

    @Test
    void whenTheConsentIsForgedWithoutItsStateOrByAnotherPersonThenNothingIsApproved() {
        Gateway g = g();
        DeviceClient device = new DeviceClient(g);
        JsonNode codes = device.authorize();
        String userCode = codes.get("user_code").asString();
        String victim = Rp.browserSession(g, "sunqi");
        String other = Rp.browserSession(g, "zhouba");
        Http.Answer opened = device.open(userCode, victim);
        assertThat(opened.status()).as(opened.body()).isEqualTo(302);
        String state = opened.header("Location").replaceAll(".*[?&]state=([^&]+).*", "$1");

        // another site posting for the victim does not know the state
        Http.Answer forged = post(g, victim, "client_id=tv&user_code=" + userCode + "&state=guess&scope=profile");
        // and another person cannot answer with the victim's state
        Http.Answer stolen = post(
                g,
                other,
                "client_id=tv&user_code=" + userCode + "&state="
                        + java.net.URLDecoder.decode(state, java.nio.charset.StandardCharsets.UTF_8)
                        + "&scope=profile");

        assertThat(forged.status()).isEqualTo(400);
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(g.http()
                        .get(g.base() + "/oauth2/device_consent?state=" + state, Map.of("Cookie", other))
                        .status())
                .isEqualTo(400);
        clock.advance(Duration.ofSeconds(6));
        assertThat(DeviceClient.error(device.poll(codes.get("device_code").asString())))
                .isEqualTo("authorization_pending");
    }

    @Test
    void whenWrongUserCodesAreTriedThenTheVerificationEndpointStopsAnsweringForTheMinute() {
        Gateway g = g();
        // a minute window of its own (counters are per address, and every test calls from 127.0.0.1);
        // the clock goes back to real time after the test, to windows this test never counted in
        clock.advance(Duration.ofMinutes(10));
        DeviceClient device = new DeviceClient(g);
        JsonNode codes = device.authorize();
        String cookie = Rp.browserSession(g, "zhangsan");

        for (int i = 0; i < 10; i++) {
            Http.Answer wrong = device.open("BCDF-" + "GHJK".substring(0, 3) + "BCDFGHJKLM".charAt(i), cookie);
            assertThat(wrong.status()).as("attempt " + i).isEqualTo(400);
        }
        Http.Answer limited = device.open(codes.get("user_code").asString(), cookie);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("too_many_attempts");

        clock.advance(Duration.ofMinutes(1));
        assertThat(device.open(codes.get("user_code").asString(), cookie).status())
                .isEqualTo(302);
    }

    private static Http.Answer post(Gateway g, String cookie, String form) {
        return g.http()
                .send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(g.base() + "/oauth2/device_verification"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
    }
}
