package io.wegate.server.backchannel;

import static io.wegate.server.backchannel.BackChannelTests.count;
import static io.wegate.server.backchannel.BackChannelTests.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.oidc.OidcProperties;
import io.wegate.server.support.BackChannelReceiver;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import io.wegate.server.token.TokenService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Back-channel logout against relying parties that misbehave: a redirect is never followed (the
 * registered URI was checked, where it points to was not), a relying party that hangs holds up
 * neither the logout nor the others, no logout token reaches the log, and a back-channel URI that
 * is not https (or http on the loopback interface) is refused wherever a client is declared.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.backchannel.retry-interval=PT1H")
@ExtendWith(OutputCaptureExtension.class)
class BackChannelLogoutAbuseTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    TokenService tokens;

    @Autowired
    BackChannelLogout backChannel;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    @AfterEach
    void settle() {
        JdbcClient.create(dataSource)
                .sql("update backchannel_delivery set status = 'given_up' where status = 'pending'")
                .update();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void whenTheReceiverRedirectsThenTheRedirectIsNotFollowedAndTheDeliveryIsRetried(int status) throws Exception {
        Gateway g = g();
        try (BackChannelReceiver target = new BackChannelReceiver();
                BackChannelReceiver redirecting = new BackChannelReceiver().redirect(status, target.uri())) {
            BackChannelTests.Rp rp = register(g, redirecting.uri(), "public");
            JsonNode id = Gateway.claims(
                    rp.client().tokens(g, "zhangsan").get("id_token").asString());
            double retries = count(meters, "retry");

            tokens.logoutLogin(id.get("sid").asString());

            redirecting.take();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(meters, "retry") == retries + 1);
            assertThat(target.all()).isEmpty();
            assertThat(backChannel.deliveriesOf(id.get("sub").asString()).stream()
                            .filter(d -> d.loginId().equals(id.get("sid").asString())))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.status()).isEqualTo(BackChannelDelivery.PENDING);
                        assertThat(d.lastStatus()).isEqualTo(status);
                    });
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void whenARelyingPartyHangsThenTheLoginEndsAtOnceAndTheOtherRelyingPartyIsStillTold() throws Exception {
        Gateway g = g();
        try (BackChannelReceiver hanging = new BackChannelReceiver().hang();
                BackChannelReceiver fine = new BackChannelReceiver()) {
            BackChannelTests.Rp slow = register(g, hanging.uri(), "public");
            BackChannelTests.Rp good = register(g, fine.uri(), "public");
            String session = OidcClient.browserSession(g, "lisi");
            String sid = idToken(g, slow.client(), session).get("sid").asString();
            idToken(g, good.client(), session);

            // were the delivery part of the logout, this would wait for the hanging one until the timeout
            tokens.logoutLogin(sid);

            assertThat(tokens.liveLogin(sid)).isEmpty();
            hanging.awaitEntered();
            assertThat(fine.take().logoutToken()).isNotBlank();
            hanging.release();
        }
    }

    @Test
    void whenDeliveriesSucceedAndFailThenNoLogoutTokenIsLogged(CapturedOutput output) throws Exception {
        Gateway g = g();
        try (BackChannelReceiver ok = new BackChannelReceiver();
                BackChannelReceiver failing = new BackChannelReceiver().answer(400)) {
            BackChannelTests.Rp good = register(g, ok.uri(), "public");
            BackChannelTests.Rp bad = register(g, failing.uri(), "pairwise");
            String session = OidcClient.browserSession(g, "wangwu");
            String sid = idToken(g, good.client(), session).get("sid").asString();
            idToken(g, bad.client(), session);
            double retries = count(meters, "retry");
            double delivered = count(meters, "delivered");

            tokens.logoutLogin(sid);

            String[] sent = {ok.take().logoutToken(), failing.take().logoutToken()};
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count(meters, "retry") == retries + 1 && count(meters, "delivered") == delivered + 1);
            assertThat(output.getAll())
                    .contains("delivered to " + good.clientId())
                    .contains("to " + bad.clientId() + ": attempt 1 failed (HTTP 400)");
            for (String token : sent) {
                String[] parts = token.split("\\.");
                assertThat(output.getAll()).doesNotContain(token, parts[1], parts[2]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://rp.example.test/backchannel-logout",
                "http://10.0.0.8/backchannel-logout",
                "ftp://127.0.0.1/backchannel-logout",
                "https://user@rp.example.test/backchannel-logout",
                "https://rp.example.test/backchannel-logout#fragment",
                "/backchannel-logout"
            })
    void whenTheBackChannelUriIsNotHttpsOrLoopbackThenRegistrationAndConfigurationRefuseIt(String uri) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("redirect_uris", List.of("https://rp.example.test/cb"));
        metadata.put("backchannel_logout_uri", uri);

        Http.Answer refused = g().admin("POST", "/api/v1/admin/clients", metadata);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_client_metadata");
        assertThatThrownBy(() -> new OidcProperties.Client(
                        "rp",
                        "{noop}secret",
                        List.of("https://rp.example.test/cb"),
                        null,
                        Set.of("openid"),
                        true,
                        false,
                        null,
                        null,
                        null,
                        null,
                        uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wegate.oidc.clients[n].backchannel-logout-uri of rp");
    }

    private static JsonNode idToken(Gateway g, OidcClient client, String session) {
        Http.Answer a = client.exchange(g, client.authorize(g, session));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return Gateway.claims(a.json().get("id_token").asString());
    }
}
