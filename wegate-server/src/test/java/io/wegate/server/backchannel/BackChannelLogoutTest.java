package io.wegate.server.backchannel;

import static io.wegate.server.backchannel.BackChannelTests.count;
import static io.wegate.server.backchannel.BackChannelTests.kid;
import static io.wegate.server.backchannel.BackChannelTests.register;
import static io.wegate.server.backchannel.BackChannelTests.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.BackChannelReceiver;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import io.wegate.server.support.OidcClient;
import io.wegate.server.support.Ports;
import io.wegate.server.token.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect Back-Channel Logout 1.0, wegate as the provider, against real HTTP receivers on
 * the loopback interface: a login that ends sends each relying party that got an ID token under it
 * and registered a back-channel logout URI one logout token — verifiable with wegate's JWKS, with
 * the ID token's {@code sub} and {@code sid} — and retries the ones that fail when the (moved)
 * clock says so. The background tick is held off ({@code retry-interval=PT1H}): the tests tick.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.backchannel.retry-interval=PT1H")
class BackChannelLogoutTest {

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
    MovableClock clock;

    @Autowired
    DataSource dataSource;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    @AfterEach
    void settle() {
        clock.reset();
        // what a test left pending must not be sent by the next one's tick
        JdbcClient.create(dataSource)
                .sql("update backchannel_delivery set status = 'given_up' where status = 'pending'")
                .update();
    }

    private List<BackChannelDelivery> deliveries(String accountId, String loginId) {
        return backChannel.deliveriesOf(accountId).stream()
                .filter(d -> d.loginId().equals(loginId))
                .toList();
    }

    @Test
    void whenTheLoginEndsThenTheReceiverGetsALogoutTokenThatVerifiesWithEveryClaimRight() throws Exception {
        Gateway g = g();
        try (BackChannelReceiver receiver = new BackChannelReceiver()) {
            BackChannelTests.Rp rp = register(g, receiver.uri(), "public");
            String idToken = rp.client().tokens(g, "zhangsan").get("id_token").asString();
            JsonNode id = Gateway.claims(idToken);
            double delivered = count(meters, "delivered");
            Instant before = clock.instant();

            tokens.logoutLogin(id.get("sid").asString());

            BackChannelReceiver.Request request = receiver.take();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
            String logoutToken = request.logoutToken();
            JWTClaimsSet claims = verified(g, logoutToken);
            assertThat(kid(logoutToken)).isEqualTo(kid(idToken));
            assertThat(claims.getIssuer()).isEqualTo(id.get("iss").asString());
            assertThat(claims.getAudience()).containsExactly(rp.clientId());
            assertThat(claims.getSubject()).isEqualTo(id.get("sub").asString());
            assertThat(claims.getStringClaim("sid")).isEqualTo(id.get("sid").asString());
            assertThat(claims.getIssueTime().toInstant()).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(Duration.between(
                            claims.getIssueTime().toInstant(),
                            claims.getExpirationTime().toInstant()))
                    .isEqualTo(Duration.ofMinutes(2));
            assertThat(claims.getJWTID()).isNotBlank();
            assertThat(claims.getJSONObjectClaim("events"))
                    .isEqualTo(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
            assertThat(claims.getClaims()).doesNotContainKey("nonce");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(meters, "delivered") == delivered + 1);
            List<BackChannelDelivery> rows =
                    deliveries(id.get("sub").asString(), id.get("sid").asString());
            assertThat(rows).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(BackChannelDelivery.DELIVERED);
                assertThat(d.clientId()).isEqualTo(rp.clientId());
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastStatus()).isEqualTo(200);
                assertThat(d.reason()).isEqualTo("logout");
                assertThat(d.deliveredAt()).isNotNull();
            });
        }
    }

    @Test
    void whenAPairwiseClientsLoginEndsThenTheLogoutTokenCarriesItsPairwiseSubject() throws Exception {
        Gateway g = g();
        try (BackChannelReceiver receiver = new BackChannelReceiver()) {
            BackChannelTests.Rp rp = register(g, receiver.uri(), "pairwise");
            JsonNode id =
                    Gateway.claims(rp.client().tokens(g, "lisi").get("id_token").asString());
            String accountId =
                    tokens.liveLogin(id.get("sid").asString()).orElseThrow().accountId();
            assertThat(id.get("sub").asString()).isNotEqualTo(accountId);

            tokens.logoutLogin(id.get("sid").asString());

            JWTClaimsSet claims = verified(g, receiver.take().logoutToken());
            assertThat(claims.getSubject()).isEqualTo(id.get("sub").asString());
            assertThat(claims.getStringClaim("sid")).isEqualTo(id.get("sid").asString());
        }
    }

    @Test
    void whenTwoClientsAndOneWithoutUriShareALoginThenEachWithAUriGetsOneTokenOnceHoweverOftenItEnds()
            throws Exception {
        Gateway g = g();
        try (BackChannelReceiver a = new BackChannelReceiver();
                BackChannelReceiver b = new BackChannelReceiver()) {
            BackChannelTests.Rp rpA = register(g, a.uri(), "public");
            BackChannelTests.Rp rpB = register(g, b.uri(), "public");
            BackChannelTests.Rp none = register(g, null, "public");
            String session = OidcClient.browserSession(g, "wangwu");
            JsonNode idA = idToken(g, rpA.client(), session);
            JsonNode idB = idToken(g, rpB.client(), session);
            JsonNode idNone = idToken(g, none.client(), session);
            String sid = idA.get("sid").asString();
            assertThat(idB.get("sid").asString()).isEqualTo(sid);
            assertThat(idNone.get("sid").asString()).isEqualTo(sid);
            double delivered = count(meters, "delivered");

            tokens.logoutLogin(sid);
            tokens.logoutLogin(sid);
            backChannel.loginsEnded(List.of(sid), "offboarded");

            assertThat(verified(g, a.take().logoutToken()).getAudience()).containsExactly(rpA.clientId());
            assertThat(verified(g, b.take().logoutToken()).getAudience()).containsExactly(rpB.clientId());
            await().atMost(Duration.ofSeconds(30)).until(() -> count(meters, "delivered") == delivered + 2);
            assertThat(deliveries(idA.get("sub").asString(), sid))
                    .extracting(BackChannelDelivery::clientId)
                    .containsExactlyInAnyOrder(rpA.clientId(), rpB.clientId());
            assertThat(backChannel.tick()).isZero();
            assertThat(a.all()).hasSize(1);
            assertThat(b.all()).hasSize(1);
        }
    }

    @Test
    void whenTheReceiverIsDownThenTheDeliveryIsRetriedWhenTheClockMovesAndDeliveredOnceItIsUp() throws Exception {
        Gateway g = g();
        int port = Ports.free();
        // nothing listens on the port yet: the first attempt cannot connect
        BackChannelTests.Rp rp = register(g, "http://127.0.0.1:" + port + "/backchannel-logout", "public");
        JsonNode id =
                Gateway.claims(rp.client().tokens(g, "zhangsan").get("id_token").asString());
        String sid = id.get("sid").asString();
        double retries = count(meters, "retry");
        double delivered = count(meters, "delivered");
        clock.freeze();

        tokens.logoutLogin(sid);

        await().atMost(Duration.ofSeconds(30)).until(() -> count(meters, "retry") == retries + 1);
        assertThat(deliveries(id.get("sub").asString(), sid)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(BackChannelDelivery.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastStatus()).isNull();
            assertThat(d.lastError()).isEqualTo("ConnectException");
            assertThat(d.nextAttemptAt()).isEqualTo(d.createdAt().plusSeconds(10));
        });
        assertThat(tokens.liveLogin(sid)).isEmpty();
        // not due yet
        assertThat(backChannel.tick()).isZero();

        try (BackChannelReceiver receiver = new BackChannelReceiver(port).answer(503)) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(backChannel.tick()).isEqualTo(1);
            assertThat(receiver.take().logoutToken()).isNotBlank();
            assertThat(count(meters, "retry")).isEqualTo(retries + 2);
            assertThat(deliveries(id.get("sub").asString(), sid))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.attempts()).isEqualTo(2);
                        assertThat(d.lastStatus()).isEqualTo(503);
                        assertThat(d.lastError()).isNull();
                    });

            receiver.answer(204);
            clock.advance(Duration.ofSeconds(29));
            assertThat(backChannel.tick()).isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(backChannel.tick()).isEqualTo(1);

            JWTClaimsSet claims = verified(g, receiver.take().logoutToken());
            assertThat(claims.getStringClaim("sid")).isEqualTo(sid);
            assertThat(count(meters, "delivered")).isEqualTo(delivered + 1);
            assertThat(deliveries(id.get("sub").asString(), sid))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.status()).isEqualTo(BackChannelDelivery.DELIVERED);
                        assertThat(d.attempts()).isEqualTo(3);
                        assertThat(d.lastStatus()).isEqualTo(204);
                    });
            clock.advance(Duration.ofHours(1));
            assertThat(backChannel.tick()).isZero();
        }
    }

    @Test
    void whenTheReceiverKeepsFailingForADayThenTheDeliveryIsGivenUpAndCounted() throws Exception {
        Gateway g = g();
        try (BackChannelReceiver receiver = new BackChannelReceiver().answer(500)) {
            BackChannelTests.Rp rp = register(g, receiver.uri(), "public");
            JsonNode id =
                    Gateway.claims(rp.client().tokens(g, "lisi").get("id_token").asString());
            String sid = id.get("sid").asString();
            double retries = count(meters, "retry");
            double givenUp = count(meters, "given_up");
            clock.freeze();

            tokens.logoutLogin(sid);
            receiver.take();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(meters, "retry") == retries + 1);

            clock.advance(Duration.ofHours(25));
            assertThat(backChannel.tick()).isEqualTo(1);
            receiver.take();

            assertThat(count(meters, "given_up")).isEqualTo(givenUp + 1);
            assertThat(deliveries(id.get("sub").asString(), sid))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.status()).isEqualTo(BackChannelDelivery.GIVEN_UP);
                        assertThat(d.attempts()).isEqualTo(2);
                        assertThat(d.lastStatus()).isEqualTo(500);
                        assertThat(d.deliveredAt()).isNull();
                    });
            clock.advance(Duration.ofHours(25));
            assertThat(backChannel.tick()).isZero();
        }
    }

    @Test
    void whenARefreshTokenIsReusedThenTheLoginsRelyingPartiesAreToldWhyItEnded() throws Exception {
        Gateway g = g();
        try (BackChannelReceiver receiver = new BackChannelReceiver()) {
            BackChannelTests.Rp rp = register(g, receiver.uri(), "public");
            JsonNode first = rp.client().tokens(g, "wangwu");
            String refresh = first.get("refresh_token").asString();
            JsonNode id = Gateway.claims(first.get("id_token").asString());
            assertThat(rp.client().refresh(g, refresh).status()).isEqualTo(200);

            Http.Answer replay = rp.client().refresh(g, refresh);

            assertThat(replay.status()).isEqualTo(400);
            JWTClaimsSet claims = verified(g, receiver.take().logoutToken());
            assertThat(claims.getStringClaim("sid")).isEqualTo(id.get("sid").asString());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> deliveries(
                                    id.get("sub").asString(), id.get("sid").asString())
                            .stream()
                            .anyMatch(d -> d.reason().equals("refresh_token_reused")));
        }
    }

    @Test
    void whenThePersonLogsOutAtTheApiOrAnApiTokenIsRevokedThenTheRelyingPartyIsTold() throws Exception {
        Gateway g = g();
        try (BackChannelReceiver receiver = new BackChannelReceiver()) {
            BackChannelTests.Rp rp = register(g, receiver.uri(), "public");
            for (String how : List.of("api-logout", "revocation")) {
                Gateway.BrowserLogin browser =
                        g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhangsan", "snsapi_base", r));
                JsonNode id = idToken(g, rp.client(), browser.sessionCookie());
                String apiRefresh = browser.tokens(g).get("refresh_token").asString();

                if (how.equals("api-logout")) {
                    Http.Answer out =
                            g.http().postJson(g.base() + "/api/v1/logout", Map.of("refresh_token", apiRefresh));
                    assertThat(out.status()).isEqualTo(204);
                } else {
                    assertThat(rp.client().revoke(g, apiRefresh).status()).isEqualTo(200);
                }

                JWTClaimsSet claims = verified(g, receiver.take().logoutToken());
                assertThat(claims.getStringClaim("sid"))
                        .as(how)
                        .isEqualTo(id.get("sid").asString());
                assertThat(claims.getSubject()).as(how).isEqualTo(id.get("sub").asString());
            }
        }
    }

    @Test
    void whenTheRelyingPartyLogsOutWithAnIdTokenHintThenOnlyTheLoginsOtherRelyingPartiesAreTold() throws Exception {
        Gateway g = g();
        try (BackChannelReceiver asking = new BackChannelReceiver();
                BackChannelReceiver other = new BackChannelReceiver()) {
            BackChannelTests.Rp rpAsking = register(g, asking.uri(), "public");
            BackChannelTests.Rp rpOther = register(g, other.uri(), "public");
            String session = OidcClient.browserSession(g, "lisi");
            String hint = rpAsking.client()
                    .exchange(g, rpAsking.client().authorize(g, session))
                    .json()
                    .get("id_token")
                    .asString();
            JsonNode id = Gateway.claims(hint);
            idToken(g, rpOther.client(), session);

            Http.Answer out = g.http().get(g.base() + "/connect/logout?id_token_hint=" + Gateway.enc(hint));

            assertThat(out.status()).as(out.body()).isEqualTo(200);
            JWTClaimsSet claims = verified(g, other.take().logoutToken());
            assertThat(claims.getAudience()).containsExactly(rpOther.clientId());
            assertThat(claims.getStringClaim("sid")).isEqualTo(id.get("sid").asString());
            assertThat(deliveries(id.get("sub").asString(), id.get("sid").asString()))
                    .extracting(BackChannelDelivery::clientId)
                    .containsExactly(rpOther.clientId());
            assertThat(asking.all()).isEmpty();
        }
    }

    private static JsonNode idToken(Gateway g, OidcClient client, String session) {
        Http.Answer a = client.exchange(g, client.authorize(g, session));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return Gateway.claims(a.json().get("id_token").asString());
    }
}
