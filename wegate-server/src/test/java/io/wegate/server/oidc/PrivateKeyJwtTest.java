package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import io.wegate.server.support.PrivateKeyJwtClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code private_key_jwt} client authentication (RFC 7523, OpenID Connect Core section 9) end to
 * end, over real HTTP: a client registered through the admin API with a {@code jwks_uri} (served by
 * the test over HTTP on the loopback interface) authenticates at the token, introspection and
 * revocation endpoints with assertions signed by its key, checked by Spring's {@code
 * JwtClientAssertionAuthenticationProvider}; every forged, expired, misaddressed, foreign or
 * replayed assertion, and a secret instead of one, is {@code invalid_client} 401 with nothing
 * issued (the code still works, the token stays active). No assertion reaches the log.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class PrivateKeyJwtTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private final List<PrivateKeyJwtClient> servers = new ArrayList<>();
    private final List<String> assertions = new ArrayList<>();
    private PrivateKeyJwtClient rp;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    @BeforeEach
    void start() {
        rp = server();
    }

    private PrivateKeyJwtClient server() {
        PrivateKeyJwtClient c = PrivateKeyJwtClient.start();
        servers.add(c);
        return c;
    }

    @AfterEach
    void noAssertionInTheLog(CapturedOutput output) {
        servers.forEach(PrivateKeyJwtClient::close);
        String logs = output.getAll();
        for (String a : assertions) {
            // the signature is what makes an assertion a credential (an unsigned one: all of it)
            String signature = a.substring(a.lastIndexOf('.') + 1);
            assertThat(logs).doesNotContain(signature.isEmpty() ? a : signature);
        }
    }

    private String seen(String assertion) {
        assertions.add(assertion);
        return assertion;
    }

    private OidcClient.Code code(Gateway g, String userid) {
        return new OidcClient(rp.clientId(), "", PrivateKeyJwtClient.redirect())
                .authorize(g, OidcClient.browserSession(g, userid));
    }

    private static String grant(OidcClient.Code code) {
        return "grant_type=authorization_code&code=" + Gateway.enc(code.code()) + "&redirect_uri="
                + Gateway.enc(PrivateKeyJwtClient.redirect()) + "&code_verifier=" + code.verifier();
    }

    private Http.Answer token(Gateway g, String form, String assertion) {
        return rp.post(g, "/oauth2/token", form, seen(assertion));
    }

    private static void assertInvalidClient(Http.Answer a, String row) {
        assertThat(a.status()).as(row + ": " + a.body()).isEqualTo(401);
        assertThat(a.json().get("error").asString()).as(row).isEqualTo("invalid_client");
        assertThat(a.body()).as(row).doesNotContain("access_token").doesNotContain("active");
        assertThat(a.header("Cache-Control")).as(row).contains("no-store");
    }

    @Test
    void whenRegisteredWithAJwksUriThenItsAssertionsAuthenticateAtTokenIntrospectionAndRevocation() {
        Gateway g = g();
        JsonNode registered = rp.register(g, null);

        assertThat(registered.get("token_endpoint_auth_method").asString()).isEqualTo("private_key_jwt");
        assertThat(registered.get("token_endpoint_auth_signing_alg").asString()).isEqualTo("RS256");
        assertThat(registered.get("jwks_uri").asString()).isEqualTo(rp.jwksUri());
        assertThat(registered.has("client_secret")).isFalse();
        assertThat(registered.has("client_secret_expires_at")).isFalse();
        JsonNode read =
                g.admin("GET", "/api/v1/admin/clients/" + rp.clientId(), null).json();
        assertThat(read.get("token_endpoint_auth_signing_alg").asString()).isEqualTo("RS256");
        assertThat(read.get("jwks_uri").asString()).isEqualTo(rp.jwksUri());

        // authorization_code
        Http.Answer tokens = token(g, grant(code(g, "zhangsan")), rp.assertion(g));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(Gateway.claims(tokens.json().get("id_token").asString())
                        .get("aud")
                        .toString())
                .contains(rp.clientId());
        assertThat(rp.fetches()).isPositive();
        // refresh_token, the assertion addressed to the issuer itself (RFC 7523 section 3 allows either)
        Http.Answer refreshed = token(
                g,
                "grant_type=refresh_token&refresh_token="
                        + Gateway.enc(tokens.json().get("refresh_token").asString()),
                rp.assertion(rp.claims(g).audience(g.base()).build()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access = refreshed.json().get("access_token").asString();
        String refresh = refreshed.json().get("refresh_token").asString();
        // introspection, addressed to the introspection endpoint
        Http.Answer active = rp.post(
                g,
                "/oauth2/introspect",
                "token=" + Gateway.enc(access),
                seen(rp.assertion(
                        rp.claims(g).audience(g.base() + "/oauth2/introspect").build())));
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        assertThat(active.json().get("active").asBoolean()).isTrue();
        assertThat(active.json().get("client_id").asString()).isEqualTo(rp.clientId());
        // revocation
        Http.Answer revoked = rp.post(g, "/oauth2/revoke", "token=" + Gateway.enc(refresh), seen(rp.assertion(g)));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(rp.post(g, "/oauth2/introspect", "token=" + Gateway.enc(refresh), seen(rp.assertion(g)))
                        .json()
                        .toString())
                .isEqualTo("{\"active\":false}");
        Http.Answer again = token(g, "grant_type=refresh_token&refresh_token=" + Gateway.enc(refresh), rp.assertion(g));
        assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void whenAPushedAuthorizationRequestCarriesAnAssertionThenItsRequestUriLeadsToACode() {
        Gateway g = g();
        rp.register(g, null);
        String verifier = Gateway.newVerifier();

        Http.Answer par = rp.post(
                g,
                "/oauth2/par",
                "response_type=code&scope=openid&state=par-state&redirect_uri="
                        + Gateway.enc(PrivateKeyJwtClient.redirect()) + "&code_challenge="
                        + Gateway.challenge(verifier) + "&code_challenge_method=S256",
                seen(rp.assertion(
                        rp.claims(g).audience(g.base() + "/oauth2/par").build())));

        assertThat(par.status()).as(par.body()).isEqualTo(201);
        Http.Answer authorized = g.http()
                .get(
                        g.base() + "/oauth2/authorize?client_id=" + rp.clientId() + "&request_uri="
                                + Gateway.enc(par.json().get("request_uri").asString()),
                        Map.of("Cookie", OidcClient.browserSession(g, "zhangsan")));
        assertThat(authorized.header("Location")).startsWith(PrivateKeyJwtClient.redirect() + "?code=");
        String code = authorized.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1");
        Http.Answer tokens = token(g, grant(new OidcClient.Code(code, verifier)), rp.assertion(g));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    }

    @Test
    void whenRegisteredForEs256ThenEs256AssertionsAuthenticateAndRs256OnesDoNot() {
        Gateway g = g();
        assertThat(rp.register(g, "ES256")
                        .get("token_endpoint_auth_signing_alg")
                        .asString())
                .isEqualTo("ES256");
        OidcClient.Code code = code(g, "lisi");

        // its RSA key is in its JWKS too, but the client registered ES256
        assertInvalidClient(
                token(
                        g,
                        grant(code),
                        PrivateKeyJwtClient.sign(rp.rsa(), rp.claims(g).build())),
                "RS256");

        Http.Answer tokens = token(g, grant(code), rp.assertion(g));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    }

    @Test
    void whenTheAssertionIsForgedExpiredMisaddressedOrNotTheClientsThenInvalidClient401AndTheCodeStillWorks() {
        Gateway g = g();
        rp.register(g, null);
        OidcClient.Code code = code(g, "wangwu");
        Instant now = Instant.now();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(
                "signed by another key under the client's kid",
                PrivateKeyJwtClient.sign(
                        PrivateKeyJwtClient.otherKey(rp.rsa()), rp.claims(g).build()));
        JWK stranger = PrivateKeyJwtClient.rsaKey("stranger");
        rows.put(
                "signed by a key the client never published",
                PrivateKeyJwtClient.sign(stranger, rp.claims(g).build()));
        rows.put(
                "signed with an algorithm the client did not register (ES256)",
                PrivateKeyJwtClient.sign(rp.ec(), rp.claims(g).build()));
        rows.put("unsigned (alg none)", new PlainJWT(rp.claims(g).build()).serialize());
        rows.put(
                "expired two minutes ago (Spring allows 60 s of skew, by the system clock)",
                rp.assertion(rp.claims(g)
                        .issueTime(Date.from(now.minusSeconds(300)))
                        .expirationTime(Date.from(now.minusSeconds(120)))
                        .build()));
        rows.put(
                "not valid for another two minutes",
                rp.assertion(rp.claims(g)
                        .notBeforeTime(Date.from(now.plusSeconds(120)))
                        .build()));
        rows.put("without exp", rp.assertion(rp.claims(g).expirationTime(null).build()));
        rows.put(
                "addressed to another server",
                rp.assertion(rp.claims(g)
                        .audience("https://elsewhere.example.test/oauth2/token")
                        .build()));
        rows.put(
                "addressed to an endpoint that takes no client authentication",
                rp.assertion(rp.claims(g).audience(g.base() + "/userinfo").build()));
        rows.put(
                "without aud", rp.assertion(rp.claims(g).audience((String) null).build()));
        rows.put(
                "iss not the client",
                rp.assertion(rp.claims(g).issuer("wegate-demo").build()));
        rows.put(
                "sub not the client",
                rp.assertion(rp.claims(g).subject("wegate-demo").build()));
        rows.put("without jti", rp.assertion(rp.claims(g).jwtID(null).build()));
        rows.put("a tampered payload", tamper(rp.assertion(g)));

        for (Map.Entry<String, String> row : rows.entrySet()) {
            assertInvalidClient(token(g, grant(code), row.getValue()), row.getKey());
        }
        // the client's assertion for another client_id: that client (a secret one) does not take assertions
        Http.Answer foreign = g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(grant(code)
                                + "&client_id=wegate-demo&client_assertion_type="
                                + Gateway.enc(PrivateKeyJwtClient.ASSERTION_TYPE) + "&client_assertion="
                                + seen(rp.assertion(g)))));
        assertInvalidClient(foreign, "another client_id");

        Http.Answer tokens = token(g, grant(code), rp.assertion(g));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    }

    /** The payload with a claim added, the signature kept. */
    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"exp\":", "\"admin\":true,\"exp\":");
        return parts[0] + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];
    }

    @Test
    void whenAnAssertionIsReplayedThenInvalidClient401AtEveryEndpointAndTheCodeStillWorks() throws Exception {
        Gateway g = g();
        rp.register(g, null);
        // addressed to the issuer: good at every endpoint, once
        String once = rp.assertion(rp.claims(g).audience(g.base()).build());
        Http.Answer first = token(g, grant(code(g, "zhaoliu")), once);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String access = first.json().get("access_token").asString();
        OidcClient.Code code = code(g, "zhaoliu");

        assertInvalidClient(token(g, grant(code), once), "at the token endpoint");
        assertInvalidClient(rp.post(g, "/oauth2/introspect", "token=" + Gateway.enc(access), once), "introspection");
        assertInvalidClient(rp.post(g, "/oauth2/revoke", "token=" + Gateway.enc(access), once), "revocation");
        // the same jti in a new assertion is the same assertion
        String jti = SignedJWT.parse(once).getJWTClaimsSet().getJWTID();
        assertInvalidClient(
                token(g, grant(code), rp.assertion(rp.claims(g).jwtID(jti).build())), "same jti");

        assertThat(rp.post(g, "/oauth2/introspect", "token=" + Gateway.enc(access), seen(rp.assertion(g)))
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(token(g, grant(code), rp.assertion(g)).status()).isEqualTo(200);
    }

    @Test
    void whenAPrivateKeyJwtClientSendsASecretThenInvalidClient401AndBesideAnAssertionInvalidRequest() {
        Gateway g = g();
        rp.register(g, null);
        OidcClient.Code code = code(g, "sunqi");

        Http.Answer basic = g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Gateway.basic(rp.clientId(), "any-secret"))
                        .POST(HttpRequest.BodyPublishers.ofString(grant(code))));
        assertInvalidClient(basic, "client_secret_basic");
        Http.Answer post = g.http()
                .postRaw(
                        g.base() + "/oauth2/token",
                        "application/x-www-form-urlencoded",
                        grant(code) + "&client_id=" + Gateway.enc(rp.clientId()) + "&client_secret=any-secret");
        assertInvalidClient(post, "client_secret_post");
        Http.Answer none = g.http()
                .postRaw(
                        g.base() + "/oauth2/token",
                        "application/x-www-form-urlencoded",
                        grant(code) + "&client_id=" + Gateway.enc(rp.clientId()));
        assertInvalidClient(none, "no credentials");
        // a good assertion with a secret beside it: two methods at once (RFC 6749 section 2.3)
        Http.Answer both =
                rp.post(g, "/oauth2/token", grant(code) + "&client_secret=any-secret", seen(rp.assertion(g)));
        assertThat(both.status()).as(both.body()).isEqualTo(400);
        assertThat(both.json().get("error").asString()).isEqualTo("invalid_request");

        assertThat(token(g, grant(code), rp.assertion(g)).status()).isEqualTo(200);
    }

    @Test
    void whenIntrospectionOrRevocationHasABadAssertionThenInvalidClient401AndTheTokenStaysActive() {
        Gateway g = g();
        rp.register(g, null);
        String access = token(g, grant(code(g, "zhouba")), rp.assertion(g))
                .json()
                .get("access_token")
                .asString();
        Instant now = Instant.now();
        List<String> bad = List.of(
                PrivateKeyJwtClient.sign(
                        PrivateKeyJwtClient.otherKey(rp.rsa()), rp.claims(g).build()),
                rp.assertion(rp.claims(g)
                        .issueTime(Date.from(now.minusSeconds(300)))
                        .expirationTime(Date.from(now.minusSeconds(120)))
                        .build()),
                rp.assertion(
                        rp.claims(g).audience("https://elsewhere.example.test").build()),
                rp.assertion(rp.claims(g).issuer("someone-else").build()));

        for (String a : bad) {
            assertInvalidClient(rp.post(g, "/oauth2/revoke", "token=" + Gateway.enc(access), seen(a)), "revoke");
            assertInvalidClient(
                    rp.post(g, "/oauth2/introspect", "token=" + Gateway.enc(access), seen(a)), "introspect");
        }

        assertThat(rp.post(g, "/oauth2/introspect", "token=" + Gateway.enc(access), seen(rp.assertion(g)))
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void whenTheKeysOrTheJwksUriChangeThenTheNewKeysAuthenticateAndTheOldOnesNoLonger() {
        Gateway g = g();
        rp.register(g, null);
        OidcClient.Code code = code(g, "lisi");
        assertThat(rp.post(g, "/oauth2/introspect", "token=x", seen(rp.assertion(g)))
                        .status())
                .isEqualTo(200);

        // a new key at the same URL: its kid is unknown, so the JWKS is read again
        JWK rotated = PrivateKeyJwtClient.rsaKey("rp-rsa-rotated");
        rp.publish(rotated);
        int fetches = rp.fetches();
        assertThat(rp.post(
                                g,
                                "/oauth2/introspect",
                                "token=x",
                                seen(PrivateKeyJwtClient.sign(
                                        rotated, rp.claims(g).build())))
                        .status())
                .isEqualTo(200);
        assertThat(rp.fetches()).isGreaterThan(fetches);
        assertInvalidClient(rp.post(g, "/oauth2/introspect", "token=x", seen(rp.assertion(g))), "the unpublished key");

        // another jwks_uri through the admin API: in force at once
        PrivateKeyJwtClient next = server();
        Map<String, Object> metadata = next.metadata(null);
        Http.Answer put = g.admin("PUT", "/api/v1/admin/clients/" + rp.clientId(), metadata);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("jwks_uri").asString()).isEqualTo(next.jwksUri());
        assertInvalidClient(
                token(
                        g,
                        grant(code),
                        PrivateKeyJwtClient.sign(rotated, rp.claims(g).build())),
                "the old URL's key");
        Http.Answer tokens = token(
                g,
                grant(code),
                PrivateKeyJwtClient.sign(next.rsa(), rp.claims(g).build()));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    }
}
