package io.wegate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import io.wegate.server.token.SigningKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A key rotation without downtime: the new key is published before it signs, tokens signed before
 * verify during the overlap (wegate's API and UserInfo), new tokens carry the new kid once it
 * activates, and the old key leaves the JWKS and stops verifying after the overlap.
 */
@GatewayTest
@TestPropertySource(
        properties = {
            "wegate.token.key-pre-publication=10m",
            "wegate.token.key-overlap=1h",
            "wegate.oidc.clients[0].client-id=keys-rp",
            "wegate.oidc.clients[0].client-secret={noop}keys-rp-secret",
            "wegate.oidc.clients[0].redirect-uris=https://rp.example.test/cb",
            "wegate.oidc.clients[0].scopes=openid,profile"
        })
@DirtiesContext
// the rotation's UserInfo check runs first: the authorization server times its tokens with the
// system clock (its JwtGenerator is not given wegate's clock), so once this context's clock has moved
// far, its access tokens look expired to wegate's decoder
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeyRotationTest {

    private static final String REDIRECT = "https://rp.example.test/cb";

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    MovableClock clock;

    @Autowired
    SigningKeys keys;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private static String kid(String jwt) throws Exception {
        return JWSObject.parse(jwt).getHeader().getKeyID();
    }

    private List<String> jwksKids(String path) throws Exception {
        return JWKSet.parse(g().http().get(g().base() + path).body()).getKeys().stream()
                .map(JWK::getKeyID)
                .toList();
    }

    private String accessToken(String userid) {
        return g().loginAs(userid).get("access_token").asString();
    }

    @Test
    @Order(1)
    void rotationWhenOverlapRunsThenOldTokensVerifyNewTokensCarryNewKidAfterActivationAndOldKeyLeaves()
            throws Exception {
        Gateway g = g();
        String before = accessToken("zhangsan");
        String oldKid = kid(before);
        OidcTokens oidcBefore = oidcLogin("lisi");
        // a token with the old key that outlives the overlap (as a forged long-lived one would), to see
        // that it stops verifying because the key is gone, not because it expired
        String longLived = resign(before, keys.current(), Duration.ofHours(3));
        assertThat(g.me(longLived).status()).isEqualTo(200);

        Http.Answer rotated = g.admin("POST", "/api/v1/admin/keys/rotate", Map.of("algorithm", "ES256"));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        JsonNode created = rotated.json().get("keys").get(0);
        String newKid = created.get("kid").asString();
        assertThat(created.get("algorithm").asString()).isEqualTo("ES256");
        Instant activatesAt = Instant.parse(created.get("activates_at").asString());
        assertThat(activatesAt).isAfter(clock.instant().plus(Duration.ofMinutes(9)));
        assertThat(newKid).isNotEqualTo(oldKid);

        // pre-publication: published at both JWKS endpoints, but the old key still signs
        assertThat(jwksKids("/.well-known/jwks.json")).contains(oldKid, newKid);
        assertThat(jwksKids("/oauth2/jwks")).contains(oldKid, newKid);
        assertThat(kid(accessToken("wangwu"))).isEqualTo(oldKid);
        assertThat(kid(oidcLogin("zhouba").accessToken())).isEqualTo(oldKid);
        assertThat(userinfo(oidcBefore.accessToken()).status()).isEqualTo(200);
        assertThat(state(newKid)).isEqualTo("published");
        assertThat(state(oldKid)).isEqualTo("active");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        // active: new tokens carry the new kid; tokens signed before still verify
        String after = accessToken("zhaoliu");
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(kid(oidcLogin("sunqi").accessToken())).isEqualTo(newKid);
        assertThat(g.me(after).status()).isEqualTo(200);
        assertThat(g.me(before).status()).as("signed before the rotation").isEqualTo(200);
        assertThat(userinfo(oidcBefore.accessToken()).status()).isEqualTo(200);
        assertThat(g.me(longLived).status()).isEqualTo(200);
        assertThat(state(oldKid)).isEqualTo("retired");
        assertThat(state(newKid)).isEqualTo("active");
        assertThat(jwksKids("/oauth2/jwks")).contains(oldKid, newKid);

        clock.advance(Duration.ofHours(1));

        // gone: out of both JWKS, and its tokens no longer verify
        assertThat(jwksKids("/.well-known/jwks.json")).doesNotContain(oldKid).contains(newKid);
        assertThat(jwksKids("/oauth2/jwks")).doesNotContain(oldKid).contains(newKid);
        assertThat(g.me(longLived).status()).isEqualTo(401);
        assertThat(g.admin("GET", "/api/v1/admin/keys", null).body()).doesNotContain(oldKid);
        assertThat(g.me(accessToken("zhangsan")).status()).isEqualTo(200);
    }

    @Test
    void idTokenWhenRs256RotatedThenItsKidVerifiesAgainstOauth2JwksBeforeAndAfterActivation() throws Exception {
        OidcTokens first = oidcLogin("zhangsan");
        String oldKid = kid(first.idToken());
        verifyAtOauth2Jwks(first.idToken());

        Http.Answer rotated = g().admin("POST", "/api/v1/admin/keys/rotate", Map.of("algorithm", "RS256"));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String newKid = rotated.json().get("keys").get(0).get("kid").asString();
        assertThat(kid(oidcLogin("zhangsan").idToken())).isEqualTo(oldKid);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        OidcTokens second = oidcLogin("zhangsan");
        assertThat(kid(second.idToken())).isEqualTo(newKid);
        verifyAtOauth2Jwks(second.idToken());
        verifyAtOauth2Jwks(first.idToken());
    }

    @Test
    void rotateWhenNoAlgorithmThenBothRotateAuditedAndListingHasNoPrivatePart() {
        Gateway g = g();
        Http.Answer rotated = g.admin("POST", "/api/v1/admin/keys/rotate", null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        JsonNode list = rotated.json().get("keys");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("algorithm").asString()).isEqualTo("ES256");
        assertThat(list.get(1).get("algorithm").asString()).isEqualTo("RS256");

        Http.Answer listed = g.admin("GET", "/api/v1/admin/keys", null);
        assertThat(listed.status()).isEqualTo(200);
        for (JsonNode k : list) {
            assertThat(listed.body()).contains(k.get("kid").asString());
        }
        JsonNode all = listed.json().get("keys");
        assertThat(all).allSatisfy(k -> {
            assertThat(k.has("d")).isFalse();
            assertThat(k.has("jwk")).isFalse();
            assertThat(k.get("state").asString()).isIn("published", "active", "retired");
        });
        assertThat(listed.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");

        String audit = g.admin("GET", "/api/v1/admin/audit", null).body();
        for (JsonNode k : list) {
            assertThat(audit)
                    .contains("admin.key.rotated")
                    .contains("via=api kid=" + k.get("kid").asString() + " alg="
                            + k.get("algorithm").asString());
        }
    }

    @Test
    void rotateWhenAlgorithmUnknownThenInvalidRequestAndNoKey() {
        Gateway g = g();
        int before =
                g.admin("GET", "/api/v1/admin/keys", null).json().get("keys").size();
        Http.Answer bad = g.admin("POST", "/api/v1/admin/keys/rotate", Map.of("algorithm", "HS256"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(g.admin("GET", "/api/v1/admin/keys", null).json().get("keys").size())
                .isEqualTo(before);
    }

    @Test
    void adminKeysWhenNoOrWrongTokenThen401AndNothingRotated() {
        Gateway g = g();
        int before =
                g.admin("GET", "/api/v1/admin/keys", null).json().get("keys").size();
        Http.Answer none = g.http().postJson(g.base() + "/api/v1/admin/keys/rotate", Map.of());
        Http.Answer wrong = g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/api/v1/admin/keys/rotate"))
                        .header("Authorization", "Bearer not-the-admin-token")
                        .POST(HttpRequest.BodyPublishers.noBody()));
        Http.Answer list = g.http().get(g.base() + "/api/v1/admin/keys");
        // an access token of a person is no admin credential
        Http.Answer person = g.http()
                .get(g.base() + "/api/v1/admin/keys", Map.of("Authorization", "Bearer " + accessToken("zhangsan")));
        assertThat(List.of(none.status(), wrong.status(), list.status(), person.status()))
                .containsOnly(401);
        assertThat(g.admin("GET", "/api/v1/admin/keys", null).json().get("keys").size())
                .isEqualTo(before);
    }

    @Test
    void commandWhenRunThenPrintsTheNewKeysAsJsonAndAuditsCli(@Autowired RotateSigningKeysCommand command)
            throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = command.execute(
                "RS256",
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        JsonNode printed = Http.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        String kid = printed.get("keys").get(0).get("kid").asString();
        assertThat(printed.get("keys").get(0).get("algorithm").asString()).isEqualTo("RS256");
        assertThat(state(kid)).isEqualTo("published");
        assertThat(g().admin("GET", "/api/v1/admin/audit", null).body()).contains("via=cli kid=" + kid + " alg=RS256");

        int bad = command.execute(
                "none",
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ES256", "RS256");
    }

    private String state(String kid) {
        for (JsonNode k : g().admin("GET", "/api/v1/admin/keys", null).json().get("keys")) {
            if (k.get("kid").asString().equals(kid)) {
                return k.get("state").asString();
            }
        }
        return "gone";
    }

    /** The claims of {@code jwt}, signed again with {@code key} and expiring {@code ttl} from now. */
    private String resign(String jwt, ECKey key, Duration ttl) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(jwt).getJWTClaimsSet())
                .expirationTime(Date.from(clock.instant().plus(ttl)))
                .build();
        SignedJWT s = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        s.sign(new ECDSASigner(key));
        return s.serialize();
    }

    record OidcTokens(String idToken, String accessToken) {}

    private OidcTokens oidcLogin(String userid) {
        Gateway g = g();
        Gateway.BrowserLogin browser = g.browserLogin(
                "/login/wecom-qr?return_to=/",
                r -> g.mint(Map.of(
                                "flow", "wecom-qr", "agentid", Gateway.AGENT_ID, "userid", userid, "redirect_uri", r))
                        .get("code")
                        .asString());
        String verifier = Gateway.newVerifier();
        Http.Answer authorized = g.http()
                .get(
                        g.base() + "/oauth2/authorize?response_type=code&client_id=keys-rp&scope=openid%20profile"
                                + "&state=s&nonce=n&redirect_uri=" + Gateway.enc(REDIRECT) + "&code_challenge="
                                + Gateway.challenge(verifier) + "&code_challenge_method=S256",
                        Map.of("Cookie", browser.sessionCookie()));
        assertThat(authorized.status()).as(authorized.body()).isEqualTo(302);
        String code = authorized.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1");
        Http.Answer exchanged = g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "keys-rp:keys-rp-secret".getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                                + "&redirect_uri=" + Gateway.enc(REDIRECT) + "&code_verifier=" + verifier)));
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        return new OidcTokens(
                exchanged.json().get("id_token").asString(),
                exchanged.json().get("access_token").asString());
    }

    private Http.Answer userinfo(String accessToken) {
        return g().http().get(g().base() + "/userinfo", Map.of("Authorization", "Bearer " + accessToken));
    }

    private void verifyAtOauth2Jwks(String idToken) throws Exception {
        JWKSet published =
                JWKSet.parse(g().http().get(g().base() + "/oauth2/jwks").body());
        assertThat(published.getKeyByKeyId(kid(idToken))).isNotNull();
        assertThat(published.getKeys())
                .allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(published)));
        // the claims' times are the gateway's (moved) clock: only the signature is checked here
        p.setJWTClaimsSetVerifier((claims, context) -> {});
        assertThat(p.process(idToken, null).getAudience()).containsExactly("keys-rp");
    }
}
