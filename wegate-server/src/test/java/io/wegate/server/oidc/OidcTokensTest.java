package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import io.wegate.server.support.StoredValues;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One token service, over HTTP: the OIDC clients' tokens are stored as hashes only, refresh and
 * code replays follow wegate's rules, and the API flows' tokens introspect and revoke at the
 * authorization server's endpoints like any other.
 */
@GatewayTest
@TestPropertySource(
        properties = {
            "wegate.oidc.clients[0].client-id=other-rp",
            "wegate.oidc.clients[0].client-secret={noop}other-rp-secret",
            "wegate.oidc.clients[0].redirect-uris=https://other.example.test/cb",
            "wegate.oidc.clients[0].scopes=openid,profile"
        })
class OidcTokensTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    DataSource dataSource;

    final OidcClient rp = OidcClient.demo();
    final OidcClient other = new OidcClient("other-rp", "other-rp-secret", "https://other.example.test/cb");

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    @Test
    void whenCodeExchangedAndRefreshedThenNoColumnOfAnyTableHoldsAnyTokenValue() {
        Gateway g = g();
        OidcClient.Code code = rp.authorize(g, OidcClient.browserSession(g, "zhangsan"));
        JsonNode first = rp.exchange(g, code).json();
        Http.Answer refreshed = rp.refresh(g, first.get("refresh_token").asString());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        JsonNode second = refreshed.json();

        List<String> secrets = new ArrayList<>(List.of(code.code()));
        for (JsonNode t : List.of(first, second)) {
            for (String name : List.of("access_token", "refresh_token", "id_token")) {
                String value = t.get(name).asString();
                secrets.add(value);
                if (value.split("\\.").length == 3) {
                    secrets.add(value.split("\\.")[2]); // the signature alone
                }
            }
        }

        assertThat(StoredValues.assertNoneStored(dataSource, secrets)).isPositive();
        // and the tokens work from their hashes: the new ones are active, the rotated one is not
        assertThat(rp.introspect(g, second.get("access_token").asString())
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(rp.introspect(g, second.get("refresh_token").asString())
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(g.http()
                        .get(
                                g.base() + "/userinfo",
                                Map.of(
                                        "Authorization",
                                        "Bearer " + second.get("access_token").asString()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void whenCodeReplayedThenTheTokensIssuedFromItIntrospectInactiveAndNoLongerRefresh() {
        Gateway g = g();
        OidcClient.Code code = rp.authorize(g, OidcClient.browserSession(g, "lisi"));
        JsonNode tokens = rp.exchange(g, code).json();
        String access = tokens.get("access_token").asString();
        String refresh = tokens.get("refresh_token").asString();
        assertThat(rp.introspect(g, access).json().get("active").asBoolean()).isTrue();

        Http.Answer replay = rp.exchange(g, code);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(replay.body()).doesNotContain("access_token");
        assertThat(rp.introspect(g, access).json().toString()).isEqualTo("{\"active\":false}");
        assertThat(rp.introspect(g, refresh).json().toString()).isEqualTo("{\"active\":false}");
        assertThat(rp.refresh(g, refresh).json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(g.http()
                        .get(g.base() + "/userinfo", Map.of("Authorization", "Bearer " + access))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void whenOidcRefreshTokenRefreshedConcurrentlyThenExactlyOneGetsTokens() throws Exception {
        Gateway g = g();
        String refresh = rp.tokens(g, "wangwu").get("refresh_token").asString();
        int n = 6;
        CyclicBarrier together = new CyclicBarrier(n);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return rp.refresh(g, refresh);
                }));
            }
            List<Http.Answer> done = new ArrayList<>();
            for (Future<Http.Answer> f : answers) {
                done.add(f.get());
            }

            assertThat(done.stream().filter(a -> a.status() == 200)).hasSize(1);
            assertThat(done.stream().filter(a -> a.status() == 400))
                    .hasSize(n - 1)
                    .allSatisfy(
                            a -> assertThat(a.json().get("error").asString()).isEqualTo("invalid_grant"));
            // the losers presented a token that was used meanwhile: reuse, so the login ended
            String winner = done.stream()
                    .filter(a -> a.status() == 200)
                    .findFirst()
                    .orElseThrow()
                    .json()
                    .get("refresh_token")
                    .asString();
            assertThat(rp.refresh(g, winner).json().get("error").asString()).isEqualTo("invalid_grant");
        }
    }

    @Test
    void whenApiFlowAccessTokenIntrospectedThenActiveWithItsLoginUntilLogoutThenInactive() {
        Gateway g = g();
        JsonNode login = g.loginAs("zhaoliu");
        String access = login.get("access_token").asString();
        String refresh = login.get("refresh_token").asString();
        String sid = Gateway.claims(access).get("sid").asString();

        JsonNode a = rp.introspect(g, access).json();
        assertThat(a.get("active").asBoolean()).isTrue();
        assertThat(a.get("sub").asString())
                .isEqualTo(login.get("account").get("id").asString());
        assertThat(a.get("sid").asString()).isEqualTo(sid);
        assertThat(a.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(a.get("exp").asLong()).isGreaterThan(a.get("iat").asLong());
        assertThat(a.has("client_id")).isFalse();
        assertThat(a.has("scope")).isFalse();
        JsonNode r = other.introspect(g, refresh).json();
        assertThat(r.get("active").asBoolean()).isTrue();
        assertThat(r.get("sid").asString()).isEqualTo(sid);
        assertThat(r.has("token_type")).isFalse();

        Http.Answer out = g.http().postJson(g.base() + "/api/v1/logout", Map.of("refresh_token", refresh));
        assertThat(out.status()).isEqualTo(204);

        assertThat(rp.introspect(g, access).json().toString()).isEqualTo("{\"active\":false}");
        assertThat(rp.introspect(g, refresh).json().toString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void whenApiFlowRefreshTokenRevokedAtOauth2RevokeThenItsLoginEndsAndItCannotRefresh() {
        Gateway g = g();
        JsonNode login = g.loginAs("sunqi");
        String refresh = login.get("refresh_token").asString();

        Http.Answer revoked = other.revoke(g, refresh);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        Http.Answer again = g.refresh(refresh);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(g.me(login.get("access_token").asString()).status()).isEqualTo(401);
    }

    @Test
    void whenApiFlowAccessTokenRevokedAtOauth2RevokeThenItsLoginEnds() {
        Gateway g = g();
        JsonNode login = g.loginAs("zhouba");

        assertThat(rp.revoke(g, login.get("access_token").asString()).status()).isEqualTo(200);

        assertThat(g.me(login.get("access_token").asString()).status()).isEqualTo(401);
        assertThat(g.refresh(login.get("refresh_token").asString())
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_grant");
    }

    @Test
    void whenOidcTokenRevokedByAnotherClientThenInvalidClientAndItStaysActive() {
        Gateway g = g();
        JsonNode tokens = rp.tokens(g, "zhangsan");
        String refresh = tokens.get("refresh_token").asString();

        Http.Answer foreign = other.revoke(g, refresh);

        // the authorization server's answer (RFC 7009 section 2.2.1 leaves it to RFC 6749's errors)
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(rp.introspect(g, refresh).json().get("active").asBoolean()).isTrue();
        // by its own client: revoked, with the access token issued with it
        assertThat(rp.revoke(g, refresh).status()).isEqualTo(200);
        assertThat(rp.introspect(g, refresh).json().get("active").asBoolean()).isFalse();
        assertThat(rp.introspect(g, tokens.get("access_token").asString())
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
        assertThat(rp.refresh(g, refresh).json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void whenIntrospectionOrRevocationWithoutClientAuthenticationThen401InvalidClient() {
        Gateway g = g();
        String access = g.loginAs("lisi").get("access_token").asString();
        for (String path : List.of("/oauth2/introspect", "/oauth2/revoke")) {
            Http.Answer a = g.http()
                    .send(HttpRequest.newBuilder(URI.create(g.base() + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("token=" + Gateway.enc(access))));
            assertThat(a.status()).as(path + " " + a.body()).isEqualTo(401);
            assertThat(a.json().get("error").asString()).isEqualTo("invalid_client");
            Http.Answer wrong = new OidcClient(OidcClient.DEMO_ID, "wrong-secret", OidcClient.DEMO_REDIRECT)
                    .post(g, path, "token=" + Gateway.enc(access));
            assertThat(wrong.status()).as(path).isEqualTo(401);
            assertThat(wrong.json().get("error").asString()).isEqualTo("invalid_client");
        }
        // nothing changed: the token is still active
        assertThat(g.me(access).status()).isEqualTo(200);
    }

    @Test
    void whenUnknownOrForgedTokenRevokedThen200AndIntrospectedThenInactive() {
        Gateway g = g();
        String forged = Gateway.newVerifier(); // 43 characters, as wegate's refresh tokens
        String forgedJwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
        for (String token : List.of(forged, forgedJwt, "x")) {
            assertThat(rp.revoke(g, token).status()).as(token).isEqualTo(200);
            assertThat(rp.introspect(g, token).json().toString()).isEqualTo("{\"active\":false}");
        }
    }
}
