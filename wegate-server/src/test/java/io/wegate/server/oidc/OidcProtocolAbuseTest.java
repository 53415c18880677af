package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import io.wegate.server.support.RawHttp;
import io.wegate.server.token.SigningKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The protocol-abuse table of the OpenID Connect provider (issue 8), as real HTTP against a running
 * gateway: every row is an attack a relying party, a second client, a thief of a code or token, or
 * a second browser could try, and asserts the error the RFC names, the status, and that nothing
 * was issued or changed (the legitimate party's code or token still works when the failure was
 * someone else's; the tokens are dead when the RFC says they must be). Every test's log output is
 * scanned for the codes, tokens and secrets it saw.
 *
 * <p>Clients: the sandbox demo client {@code wegate-demo} (confidential, basic and post), a
 * public client with PKCE required and a second confidential client, both saved through the
 * {@link RegisteredClientRepository}.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
// DEBUG logs, and the authorization server's TRACE, for the scan; not LogRedactionTest's gateway: log
// levels are the JVM's, and a gateway started in between would have reset them when it runs again
@TestPropertySource(
        properties = {
            "logging.level.io.wegate=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.security=DEBUG",
            "logging.level.org.springframework.security.oauth2.server.authorization=TRACE"
        })
class OidcProtocolAbuseTest {

    static final String DEMO = "wegate-demo";
    static final String DEMO_SECRET = "wegate-demo-secret";
    static final String DEMO_REDIRECT = "http://localhost:8090/login/oauth2/code/wegate";
    static final String DEMO_LOOPBACK_REDIRECT = "http://127.0.0.1:8090/login/oauth2/code/wegate";

    static final String PUBLIC = "abuse-public";
    static final String PUBLIC_REDIRECT = "https://public.example.test/cb";

    static final String B = "abuse-b";
    static final String B_SECRET = "abuse-b-secret-0123456789";
    static final String B_REDIRECT = "https://b.example.test/cb";

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    MovableClock clock;

    @Autowired
    SigningKeys keys;

    /** Everything secret this test saw: none may reach the log. */
    private final List<String> secrets = new ArrayList<>(List.of(DEMO_SECRET, B_SECRET));

    private Gateway g;

    @BeforeEach
    void clientsAndGateway() {
        g = new Gateway(port, sandbox);
        if (clients.findByClientId(PUBLIC) == null) {
            clients.save(RegisteredClient.withId("abuse-public-id")
                    .clientId(PUBLIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(PUBLIC_REDIRECT)
                    .scope("openid")
                    .scope("profile")
                    .clientSettings(ClientSettings.builder()
                            .requireProofKey(true)
                            .requireAuthorizationConsent(false)
                            .setting("wegate.first-party", true)
                            .build())
                    .tokenSettings(TokenSettings.builder()
                            .authorizationCodeTimeToLive(Duration.ofSeconds(60))
                            .build())
                    .build());
        }
        if (clients.findByClientId(B) == null) {
            clients.save(RegisteredClient.withId("abuse-b-id")
                    .clientId(B)
                    .clientSecret("{noop}" + B_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(B_REDIRECT)
                    .scope("openid")
                    .clientSettings(ClientSettings.builder()
                            .requireAuthorizationConsent(false)
                            .setting("wegate.first-party", true)
                            .build())
                    .tokenSettings(TokenSettings.builder()
                            .authorizationCodeTimeToLive(Duration.ofSeconds(60))
                            .reuseRefreshTokens(false)
                            .build())
                    .build());
        }
    }

    @AfterEach
    void noCodeTokenOrSecretInTheLog(CapturedOutput output) {
        clock.reset();
        String logs = output.getAll();
        for (String secret : secrets) {
            if (secret == null || secret.length() < 8) {
                continue;
            }
            String prefix = secret.substring(0, Math.min(secret.length(), 16));
            assertThat(logs)
                    .as(
                            "secret #%d (%d chars, or its first 16) reached the log",
                            secrets.indexOf(secret), secret.length())
                    .doesNotContain(prefix);
        }
    }

    // ---------------------------------------------------------------- redirect_uri at /oauth2/authorize

    static Stream<Arguments> redirectUrisNotRegistered() {
        return Stream.of(
                Arguments.of("another host", "https://evil.example/cb"),
                Arguments.of("prefix-matched", "https://b.example.test/c"),
                Arguments.of("suffix-extended path", B_REDIRECT + "/x"),
                Arguments.of("suffix-extended name", B_REDIRECT + "x"),
                Arguments.of("query added", B_REDIRECT + "?next=https://evil.example"),
                Arguments.of("trailing slash", B_REDIRECT + "/"),
                Arguments.of("case-changed host", "https://B.example.test/cb"),
                Arguments.of("case-changed path", "https://b.example.test/CB"),
                Arguments.of("case-changed scheme", "HTTPS://b.example.test/cb"),
                Arguments.of("http instead of https", "http://b.example.test/cb"),
                Arguments.of("explicit port", "https://b.example.test:443/cb"),
                Arguments.of("path traversal", "https://b.example.test/cb/../cb"),
                Arguments.of("path traversal out", "https://b.example.test/cb/../../evil"),
                Arguments.of("encoded path traversal", "https://b.example.test/cb/%2e%2e/cb"),
                Arguments.of("userinfo before the host", "https://b.example.test@evil.example/cb"),
                Arguments.of("userinfo of the host", "https://evil@b.example.test/cb"),
                Arguments.of("fragment", B_REDIRECT + "#x"),
                Arguments.of("empty fragment", B_REDIRECT + "#"),
                Arguments.of("subdomain", "https://evil.b.example.test/cb"),
                Arguments.of("backslash", "https://b.example.test\\@evil.example/cb"),
                Arguments.of("javascript scheme", "javascript:alert(1)//https://b.example.test/cb"),
                Arguments.of("another client's redirect URI", PUBLIC_REDIRECT));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("redirectUrisNotRegistered")
    void whenRedirectUriIsNotExactlyRegisteredThenErrorPageAndNoRedirect(String attack, String redirect) {
        String cookie = session("zhangsan");
        for (Map<String, String> headers : List.of(Map.of("Cookie", cookie), Map.<String, String>of())) {
            Http.Answer a = authorize(headers, params(B, redirect, Gateway.newVerifier()));

            assertErrorPage(a, attack + (headers.isEmpty() ? " (no session)" : " (with a session)"), "invalid_request");
        }
    }

    @Test
    void whenLoopbackRedirectUriChangesPathOrHostThenErrorPageAndNoRedirect() {
        // RFC 8252 section 7.3: any port on a loopback IP literal; nothing else may differ
        String cookie = session("zhangsan");
        for (String redirect : new String[] {
            "http://127.0.0.1:8090/login/oauth2/code/evil",
            "http://127.0.0.2:8090/login/oauth2/code/wegate",
            "http://localhost:8091/login/oauth2/code/wegate",
            "http://127.0.0.1:8090/login/oauth2/code/wegate/../../x",
            "https://127.0.0.1:8090/login/oauth2/code/wegate"
        }) {
            assertErrorPage(
                    authorize(Map.of("Cookie", cookie), params(DEMO, redirect, Gateway.newVerifier())),
                    redirect,
                    "invalid_request");
        }
    }

    @Test
    void whenRedirectUriIsMissingThenErrorPageAndNoRedirect() {
        String cookie = session("zhangsan");
        Map<String, String> p = params(B, B_REDIRECT, Gateway.newVerifier());
        p.remove("redirect_uri");

        // OpenID Connect requires it, even from a client with a single redirect URI
        assertErrorPage(authorize(Map.of("Cookie", cookie), p), "missing redirect_uri", "invalid_request");
    }

    @Test
    void whenClientIdIsUnknownOrMissingThenErrorPageAndNoRedirect() {
        String cookie = session("zhangsan");
        Map<String, String> unknown = params("no-such-client", B_REDIRECT, Gateway.newVerifier());
        Map<String, String> missing = params(B, B_REDIRECT, Gateway.newVerifier());
        missing.remove("client_id");

        assertErrorPage(authorize(Map.of("Cookie", cookie), unknown), "unknown client", "invalid_request");
        assertErrorPage(authorize(Map.of("Cookie", cookie), missing), "missing client_id", "invalid_request");
        assertErrorPage(authorize(Map.of(), unknown), "unknown client, no session", "invalid_request");
    }

    @Test
    void whenClientIdOrRedirectUriIsDuplicatedThenInvalidRequestPageAndNoRedirect() {
        String cookie = session("zhangsan");
        String base = query(params(B, B_REDIRECT, Gateway.newVerifier()));

        for (String extra : new String[] {
            "&client_id=" + B,
            "&client_id=" + DEMO,
            "&redirect_uri=" + Gateway.enc(B_REDIRECT),
            "&redirect_uri=" + Gateway.enc("https://evil.example/cb")
        }) {
            Http.Answer a = g.http().get(g.base() + "/oauth2/authorize?" + base + extra, Map.of("Cookie", cookie));
            assertErrorPage(a, "duplicated " + extra, "invalid_request");
            assertThat(a.body()).as(extra).contains("invalid_request");
        }
    }

    @Test
    void whenStateIsDuplicatedThenInvalidRequestPageAndNoCode() {
        String cookie = session("zhangsan");
        Http.Answer a = g.http()
                .get(
                        g.base() + "/oauth2/authorize?" + query(params(B, B_REDIRECT, Gateway.newVerifier()))
                                + "&state=second",
                        Map.of("Cookie", cookie));

        // which state would the client check? Spring's authorization server shows the error instead
        assertErrorPage(a, "state twice", "invalid_request");
    }

    // ---------------------------------------------------------------- PKCE

    @Test
    void whenPublicClientSendsNoCodeChallengeThenInvalidRequestAtItsRedirectUriAndNoCode() {
        String cookie = session("lisi");
        Map<String, String> p = params(PUBLIC, PUBLIC_REDIRECT, Gateway.newVerifier());
        p.remove("code_challenge");
        p.remove("code_challenge_method");

        assertErrorAtClient(authorize(Map.of("Cookie", cookie), p), PUBLIC_REDIRECT, "invalid_request");
    }

    @Test
    void whenCodeChallengeMethodIsPlainThenInvalidRequestAtTheRedirectUriAndNoCode() {
        String cookie = session("lisi");
        for (String client : new String[] {PUBLIC, B}) {
            String redirect = client.equals(PUBLIC) ? PUBLIC_REDIRECT : B_REDIRECT;
            String verifier = Gateway.newVerifier();
            Map<String, String> p = params(client, redirect, verifier);
            p.put("code_challenge", verifier);
            p.put("code_challenge_method", "plain");

            assertErrorAtClient(authorize(Map.of("Cookie", cookie), p), redirect, "invalid_request");
        }
    }

    @Test
    void whenCodeChallengeMethodIsUnknownThenInvalidRequestAtTheRedirectUriAndNoCode() {
        String cookie = session("lisi");
        Map<String, String> p = params(PUBLIC, PUBLIC_REDIRECT, Gateway.newVerifier());
        p.put("code_challenge_method", "S512");

        assertErrorAtClient(authorize(Map.of("Cookie", cookie), p), PUBLIC_REDIRECT, "invalid_request");
    }

    @Test
    void whenCodeVerifierIsWrongThenInvalidGrantAndTheCodeStillWorksForItsClient() {
        String cookie = session("lisi");
        for (String client : new String[] {PUBLIC, DEMO}) {
            String verifier = Gateway.newVerifier();
            String code = code(cookie, client, verifier);

            Http.Answer wrong = exchange(client, code, Gateway.newVerifier());
            assertOAuthError(wrong, 400, "invalid_grant");
            // the verifier of another challenge's case: the plain value of the challenge
            assertOAuthError(exchange(client, code, Gateway.challenge(verifier), false), 400, "invalid_grant");

            // the thief's failure changes nothing for the client
            assertIssued(exchange(client, code, verifier));
        }
    }

    @Test
    void whenCodeWithChallengeIsRedeemedWithoutVerifierThenInvalidGrantAndTheCodeStillWorks() {
        String cookie = session("lisi");
        for (String client : new String[] {PUBLIC, DEMO}) {
            String verifier = Gateway.newVerifier();
            String code = code(cookie, client, verifier);

            // a public client is recognised by its code_verifier: without one it is no client at all
            int status = client.equals(PUBLIC) ? 401 : 400;
            String error = client.equals(PUBLIC) ? "invalid_client" : "invalid_grant";
            assertOAuthError(exchange(client, code, null), status, error);
            // an empty one makes it a public client's request, with a wrong verifier
            assertOAuthError(exchange(client, code, ""), 400, "invalid_grant");

            assertIssued(exchange(client, code, verifier));
        }
    }

    @Test
    void whenVerifierIsSentForACodeWithoutChallengeThenInvalidGrantAndTheCodeStillWorks() {
        String cookie = session("lisi");
        String code = code(cookie, DEMO, null);

        assertOAuthError(exchange(DEMO, code, Gateway.newVerifier()), 400, "invalid_grant");

        assertIssued(exchange(DEMO, code, null));
    }

    @Test
    void whenPublicClientIsIssuedTokensThenNoRefreshTokenAndNoRefreshGrant() {
        String cookie = session("lisi");
        String verifier = Gateway.newVerifier();
        JsonNode t = assertIssued(exchange(PUBLIC, code(cookie, PUBLIC, verifier), verifier));

        // a public client cannot keep a refresh token safe; Spring issues none to it
        assertThat(t.has("refresh_token")).isFalse();
        Http.Answer refresh =
                token(null, form("grant_type", "refresh_token", "refresh_token", "x", "client_id", PUBLIC));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.json().get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void whenLoopbackRedirectUriChangesOnlyItsPortThenAcceptedAsRfc8252SaysAndTheExchangeNeedsThatUri() {
        // RFC 8252 section 7.3 and RFC 9700 section 2.1: any port on a loopback IP literal (not on
        // "localhost"); the code is still bound to the exact URI and needs the client's secret
        String cookie = session("lisi");
        String verifier = Gateway.newVerifier();
        String other = "http://127.0.0.1:9999/login/oauth2/code/wegate";

        String code = codeOf(authorize(Map.of("Cookie", cookie), params(DEMO, other, verifier)), other);

        assertOAuthError(exchange(DEMO, code, verifier), 400, "invalid_grant");
        assertOAuthError(
                token(
                        basic(B, B_SECRET),
                        form(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                other,
                                "code_verifier",
                                verifier)),
                400,
                "invalid_grant");
    }

    // ---------------------------------------------------------------- codes

    @Test
    void whenCodeIsReplayedThenInvalidGrantAndEveryTokenOfTheFirstExchangeIsRevoked() {
        String cookie = session("wangwu");
        String verifier = Gateway.newVerifier();
        String code = code(cookie, DEMO, verifier);
        JsonNode first = assertIssued(exchange(DEMO, code, verifier));
        String access = first.get("access_token").asString();
        String refresh = first.get("refresh_token").asString();
        assertThat(introspect(access).get("active").asBoolean()).isTrue();
        assertThat(userinfo(access).status()).isEqualTo(200);
        assertThat(g.me(access).status())
                .as("an OIDC access token works at /api/v1/me")
                .isEqualTo(200);

        Http.Answer replay = exchange(DEMO, code, verifier);

        assertOAuthError(replay, 400, "invalid_grant");
        // RFC 6749 section 4.1.2: the tokens issued from that code are revoked
        assertThat(introspect(access).get("active").asBoolean()).isFalse();
        assertThat(introspect(refresh).get("active").asBoolean()).isFalse();
        assertOAuthError(refresh(DEMO, refresh), 400, "invalid_grant");
        assertThat(userinfo(access).status()).isEqualTo(401);
        assertThat(g.me(access).status()).as("/api/v1/me after the replay").isEqualTo(401);
    }

    @Test
    void whenAnotherClientRedeemsTheCodeThenInvalidGrantAndNothingIsIssuedToEither() {
        String cookie = session("wangwu");
        String verifier = Gateway.newVerifier();
        String code = code(cookie, DEMO, verifier);

        Http.Answer stolen = token(
                basic(B, B_SECRET),
                form(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        DEMO_REDIRECT,
                        "code_verifier",
                        verifier));
        assertOAuthError(stolen, 400, "invalid_grant");
        Http.Answer stolenWithOwnRedirect = token(
                basic(B, B_SECRET),
                form(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        B_REDIRECT,
                        "code_verifier",
                        verifier));
        assertOAuthError(stolenWithOwnRedirect, 400, "invalid_grant");

        // RFC 6749 section 4.1.3 only demands B be refused; Spring's authorization server also
        // burns a code another client presented (section 10.5: a code known to a second party is
        // compromised), so A gets invalid_grant and nothing is issued to anybody
        assertOAuthError(exchange(DEMO, code, verifier), 400, "invalid_grant");
    }

    @Test
    void whenCodeIsOlderThanSixtySecondsThenInvalidGrantAndNothingIssued() {
        String cookie = session("wangwu");
        String verifier = Gateway.newVerifier();
        String fresh = code(cookie, DEMO, verifier);
        String old = code(cookie, DEMO, verifier);

        clock.advance(Duration.ofSeconds(59));
        assertIssued(exchange(DEMO, fresh, verifier));
        clock.advance(Duration.ofSeconds(2));

        assertOAuthError(exchange(DEMO, old, verifier), 400, "invalid_grant");
    }

    @Test
    void whenRedirectUriAtTheTokenRequestDiffersThenInvalidGrantAndTheCodeStillWorks() {
        String cookie = session("wangwu");
        String verifier = Gateway.newVerifier();
        String code = code(cookie, DEMO, verifier);

        for (String redirect : new String[] {DEMO_LOOPBACK_REDIRECT, DEMO_REDIRECT + "/", "https://evil.example/cb"}) {
            assertOAuthError(
                    token(
                            basic(DEMO, DEMO_SECRET),
                            form(
                                    "grant_type",
                                    "authorization_code",
                                    "code",
                                    code,
                                    "redirect_uri",
                                    redirect,
                                    "code_verifier",
                                    verifier)),
                    400,
                    "invalid_grant");
        }
        // missing: RFC 6749 section 4.1.3 requires it when the authorization request had one
        assertOAuthError(
                token(
                        basic(DEMO, DEMO_SECRET),
                        form("grant_type", "authorization_code", "code", code, "code_verifier", verifier)),
                400,
                "invalid_grant");

        assertIssued(exchange(DEMO, code, verifier));
    }

    @Test
    void whenCodeIsUnknownOrMalformedThenInvalidGrant() {
        for (String code : new String[] {"no-such-code", "", "a".repeat(4000)}) {
            Http.Answer a = exchange(DEMO, code, Gateway.newVerifier());
            assertThat(a.status()).as(code).isEqualTo(400);
            assertThat(a.json().get("error").asString()).as(code).isIn("invalid_grant", "invalid_request");
            assertThat(a.body()).doesNotContain("access_token");
        }
    }

    @Test
    void whenCodeParameterIsDuplicatedThenInvalidRequestAndTheCodeStillWorks() {
        String cookie = session("wangwu");
        String verifier = Gateway.newVerifier();
        String code = code(cookie, DEMO, verifier);

        Http.Answer twice = token(
                basic(DEMO, DEMO_SECRET),
                form(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                DEMO_REDIRECT,
                                "code_verifier",
                                verifier)
                        + "&code=" + code);
        assertOAuthError(twice, 400, "invalid_request");

        assertIssued(exchange(DEMO, code, verifier));
    }

    // ---------------------------------------------------------------- refresh tokens

    @Test
    void whenRotatedRefreshTokenIsReusedThenTheWholeLoginIsRevoked() {
        String cookie = session("zhaoliu");
        String verifier = Gateway.newVerifier();
        JsonNode first = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier));
        JsonNode second = assertIssued(refresh(DEMO, first.get("refresh_token").asString()));
        // the same login at a second client
        String v2 = Gateway.newVerifier();
        JsonNode atB = assertIssued(token(
                basic(B, B_SECRET),
                form(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code(cookie, B, v2),
                        "redirect_uri",
                        B_REDIRECT,
                        "code_verifier",
                        v2)));

        Http.Answer reused = refresh(DEMO, first.get("refresh_token").asString());

        assertOAuthError(reused, 400, "invalid_grant");
        assertOAuthError(refresh(DEMO, second.get("refresh_token").asString()), 400, "invalid_grant");
        for (JsonNode t : List.of(first, second, atB)) {
            String access = t.get("access_token").asString();
            assertThat(introspect(access).get("active").asBoolean()).isFalse();
            assertThat(userinfo(access).status()).isEqualTo(401);
            assertThat(g.me(access).status()).isEqualTo(401);
        }
        assertThat(introspect(second.get("refresh_token").asString())
                        .get("active")
                        .asBoolean())
                .isFalse();
        assertOAuthError(
                token(
                        basic(B, B_SECRET),
                        form(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                atB.get("refresh_token").asString())),
                400,
                "invalid_grant");
        assertThat(g.sessionToken(cookie).status())
                .as("the browser session of the login")
                .isEqualTo(401);
    }

    @Test
    void whenAnotherClientPresentsTheRefreshTokenThenInvalidGrantAndItStillWorksForItsClient() {
        String cookie = session("zhaoliu");
        String verifier = Gateway.newVerifier();
        JsonNode first = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier));
        String refresh = first.get("refresh_token").asString();

        assertOAuthError(
                token(basic(B, B_SECRET), form("grant_type", "refresh_token", "refresh_token", refresh)),
                400,
                "invalid_grant");

        assertIssued(refresh(DEMO, refresh));
    }

    @Test
    void whenRefreshAsksForMoreScopeThanGrantedThenInvalidScopeAndTheTokenStillWorks() {
        String cookie = session("zhaoliu");
        String verifier = Gateway.newVerifier();
        Map<String, String> p = params(DEMO, DEMO_REDIRECT, verifier);
        p.put("scope", "openid");
        JsonNode first =
                assertIssued(exchange(DEMO, codeOf(authorize(Map.of("Cookie", cookie), p), DEMO_REDIRECT), verifier));
        String refresh = first.get("refresh_token").asString();

        assertOAuthError(
                token(
                        basic(DEMO, DEMO_SECRET),
                        form("grant_type", "refresh_token", "refresh_token", refresh, "scope", "openid profile")),
                400,
                "invalid_scope");

        assertIssued(refresh(DEMO, refresh));
    }

    // ---------------------------------------------------------------- revocation

    @Test
    void whenAccessTokenIsRevokedThenIntrospectionSaysInactiveAndUserInfoAndMeRefuseIt() {
        String cookie = session("sunqi");
        String verifier = Gateway.newVerifier();
        JsonNode t = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier));
        String access = t.get("access_token").asString();

        Http.Answer revoked = token(basic(DEMO, DEMO_SECRET), "/oauth2/revoke", form("token", access));

        assertThat(revoked.status()).isEqualTo(200);
        JsonNode i = introspect(access);
        assertThat(i.get("active").asBoolean()).isFalse();
        assertThat(i.size())
                .as("an inactive token says nothing else (RFC 7662 2.2)")
                .isEqualTo(1);
        assertThat(userinfo(access).status()).isEqualTo(401);
        assertThat(userinfo(access).header("Location")).isNull();
        assertThat(g.me(access).status())
                .as("/api/v1/me with a revoked OIDC access token")
                .isEqualTo(401);
    }

    @Test
    void whenRefreshTokenIsRevokedThenItNoLongerRefreshesAndItsAccessTokenIsInactive() {
        String cookie = session("sunqi");
        String verifier = Gateway.newVerifier();
        JsonNode t = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier));
        String refresh = t.get("refresh_token").asString();

        assertThat(token(
                                basic(DEMO, DEMO_SECRET),
                                "/oauth2/revoke",
                                form("token", refresh, "token_type_hint", "refresh_token"))
                        .status())
                .isEqualTo(200);

        assertOAuthError(refresh(DEMO, refresh), 400, "invalid_grant");
        assertThat(introspect(refresh).get("active").asBoolean()).isFalse();
        assertThat(introspect(t.get("access_token").asString()).get("active").asBoolean())
                .isFalse();
        assertThat(userinfo(t.get("access_token").asString()).status()).isEqualTo(401);
    }

    @Test
    void whenAnotherClientRevokesTheTokenThenRefusedAndTheTokenStaysActive() {
        String cookie = session("sunqi");
        String verifier = Gateway.newVerifier();
        JsonNode t = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier));

        for (String name : new String[] {"access_token", "refresh_token"}) {
            Http.Answer a = token(
                    basic(B, B_SECRET),
                    "/oauth2/revoke",
                    form("token", t.get(name).asString()));
            assertThat(a.status()).as(name).isIn(400, 401);
            assertThat(a.json().get("error").asString()).isEqualTo("invalid_client");
        }

        assertThat(introspect(t.get("access_token").asString()).get("active").asBoolean())
                .isTrue();
        assertThat(userinfo(t.get("access_token").asString()).status()).isEqualTo(200);
        assertIssued(refresh(DEMO, t.get("refresh_token").asString()));
    }

    @Test
    void whenIntrospectionOrRevocationHasNoValidClientThenInvalidClientAndNothingRevealed() {
        String cookie = session("sunqi");
        String verifier = Gateway.newVerifier();
        String access = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier))
                .get("access_token")
                .asString();

        for (String path : new String[] {"/oauth2/introspect", "/oauth2/revoke"}) {
            Http.Answer none = token(null, path, form("token", access));
            assertOAuthError(none, 401, "invalid_client");
            assertThat(none.header("WWW-Authenticate")).as(path).startsWith("Basic");
            assertThat(none.body()).doesNotContain("\"active\"");
            Http.Answer wrong = token(basic(DEMO, "wrong-secret"), path, form("token", access));
            assertOAuthError(wrong, 401, "invalid_client");
            Http.Answer asPublic = token(null, path, form("token", access, "client_id", PUBLIC));
            assertThat(asPublic.status()).as(path + " as a public client").isIn(400, 401);
            assertThat(asPublic.body()).doesNotContain("\"active\"");
        }
        assertThat(introspect(access).get("active").asBoolean()).isTrue();
    }

    // ---------------------------------------------------------------- forged tokens at UserInfo and /api/v1/me

    /** A token derived from a genuine access token, by an attacker who knows only public keys. */
    record Forgery(String name, Function<Forge, String> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a forger starts from: a genuine token, its claims, the published keys, and (for the claim rows) wegate's key. */
    record Forge(String genuine, JWTClaimsSet claims, JWKSet published, ECKey wegateKey) {}

    static Stream<Forgery> forgeries() {
        return Stream.of(
                new Forgery("alg=none", f -> unsigned(f, "{\"alg\":\"none\",\"typ\":\"JWT\"}")),
                new Forgery("alg=None", f -> unsigned(f, "{\"alg\":\"None\"}")),
                new Forgery("alg=none with the genuine signature", f -> {
                    String[] parts = f.genuine().split("\\.");
                    return b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];
                }),
                new Forgery("HS256 with the EC key's x||y", f -> {
                    ECKey ec = (ECKey) f.published().getKeys().stream()
                            .filter(k -> k instanceof ECKey)
                            .findFirst()
                            .orElseThrow();
                    byte[] x = ec.getX().decode();
                    byte[] y = ec.getY().decode();
                    byte[] secret = java.util.Arrays.copyOf(x, x.length + y.length);
                    System.arraycopy(y, 0, secret, x.length, y.length);
                    return hmac(f, secret, ec.getKeyID());
                }),
                new Forgery("HS256 with the EC JWK as JSON", f -> {
                    JWK ec = f.published().getKeys().stream()
                            .filter(k -> k instanceof ECKey)
                            .findFirst()
                            .orElseThrow();
                    return hmac(f, ec.toJSONString().getBytes(StandardCharsets.UTF_8), ec.getKeyID());
                }),
                new Forgery("HS256 with the RSA modulus", f -> {
                    RSAKey rsa = (RSAKey) f.published().getKeys().stream()
                            .filter(k -> k instanceof RSAKey)
                            .findFirst()
                            .orElseThrow();
                    return hmac(f, rsa.getModulus().decode(), rsa.getKeyID());
                }),
                new Forgery("HS256 with the RSA key as PEM", f -> {
                    RSAKey rsa = (RSAKey) f.published().getKeys().stream()
                            .filter(k -> k instanceof RSAKey)
                            .findFirst()
                            .orElseThrow();
                    try {
                        String pem = "-----BEGIN PUBLIC KEY-----\n"
                                + Base64.getMimeEncoder()
                                        .encodeToString(rsa.toPublicKey().getEncoded())
                                + "\n-----END PUBLIC KEY-----\n";
                        return hmac(f, pem.getBytes(StandardCharsets.US_ASCII), rsa.getKeyID());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                new Forgery("tampered payload (another sub)", f -> {
                    String[] parts = f.genuine().split("\\.");
                    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                            .replace(f.claims().getSubject(), "00000000-0000-0000-0000-000000000000");
                    return parts[0] + "." + b64(payload) + "." + parts[2];
                }),
                new Forgery("tampered payload (later exp)", f -> {
                    String[] parts = f.genuine().split("\\.");
                    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                            .replaceAll("\"exp\":\\d+", "\"exp\":4102444800");
                    return parts[0] + "." + b64(payload) + "." + parts[2];
                }),
                new Forgery("signature stripped", f -> {
                    String[] parts = f.genuine().split("\\.");
                    return parts[0] + "." + parts[1] + ".";
                }),
                new Forgery("another EC key under wegate's kid", f -> {
                    try {
                        ECKey own = new ECKeyGenerator(Curve.P_256)
                                .keyID(f.wegateKey().getKeyID())
                                .generate();
                        return es256(f.claims(), own);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                new Forgery("embedded jwk header", f -> {
                    try {
                        ECKey own = new ECKeyGenerator(Curve.P_256)
                                .keyID("attacker")
                                .generate();
                        SignedJWT jwt = new SignedJWT(
                                new JWSHeader.Builder(JWSAlgorithm.ES256)
                                        .jwk(own.toPublicJWK())
                                        .keyID(own.getKeyID())
                                        .build(),
                                f.claims());
                        jwt.sign(new ECDSASigner(own));
                        return jwt.serialize();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }),
                new Forgery(
                        "wrong issuer, signed with wegate's key",
                        f -> es256(
                                new JWTClaimsSet.Builder(f.claims())
                                        .issuer("https://evil.example")
                                        .build(),
                                f.wegateKey())),
                new Forgery(
                        "wrong audience, signed with wegate's key",
                        f -> es256(
                                new JWTClaimsSet.Builder(f.claims())
                                        .audience(List.of("another-app"))
                                        .build(),
                                f.wegateKey())),
                new Forgery(
                        "expired, signed with wegate's key",
                        f -> es256(
                                new JWTClaimsSet.Builder(f.claims())
                                        .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                                        .notBeforeTime(Date.from(Instant.now().minusSeconds(7200)))
                                        .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                                        .build(),
                                f.wegateKey())),
                new Forgery(
                        "not yet valid, signed with wegate's key",
                        f -> es256(
                                new JWTClaimsSet.Builder(f.claims())
                                        .notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))
                                        .build(),
                                f.wegateKey())),
                new Forgery("the ID token as an access token", f -> null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void whenTokenIsForgedThenUserInfoAndMeAnswer401(Forgery forgery) throws Exception {
        String cookie = session("zhouba");
        String verifier = Gateway.newVerifier();
        JsonNode t = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier));
        String genuine = t.get("access_token").asString();
        // the genuine token works at both: the refusals below are the forgery's
        assertThat(userinfo(genuine).status()).isEqualTo(200);
        assertThat(g.me(genuine).status()).isEqualTo(200);
        Forge forge = new Forge(
                genuine,
                SignedJWT.parse(genuine).getJWTClaimsSet(),
                JWKSet.parse(g.http().get(g.base() + "/oauth2/jwks").body()),
                keys.current());

        String forged = forgery.name().startsWith("the ID token")
                ? t.get("id_token").asString()
                : forgery.make().apply(forge);
        secrets.add(forged);

        Http.Answer u = userinfo(forged);
        assertThat(u.status()).as("UserInfo: " + u.body()).isEqualTo(401);
        assertThat(u.body()).doesNotContain(forge.claims().getSubject());
        Http.Answer post = g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/userinfo"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("access_token=" + Gateway.enc(forged))));
        assertThat(post.status()).as("UserInfo by POST: " + post.body()).isIn(400, 401);
        Http.Answer me = g.me(forged);
        assertThat(me.status()).as("/api/v1/me: " + me.body()).isEqualTo(401);
        assertThat(me.body()).doesNotContain(forge.claims().getSubject());
    }

    @Test
    void whenAccessTokenIsSentInTheQueryStringThenRefusedAndNotLogged() {
        String cookie = session("zhouba");
        String verifier = Gateway.newVerifier();
        String access = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier))
                .get("access_token")
                .asString();

        // RFC 6750 section 2.3: a URI query is logged and cached everywhere; wegate does not read it
        Http.Answer u = g.http().get(g.base() + "/userinfo?access_token=" + access);
        assertThat(u.status()).isEqualTo(401);
        assertThat(u.body()).doesNotContain("\"sub\"");
        Http.Answer me = g.http().get(g.base() + "/api/v1/me?access_token=" + access);
        assertThat(me.status()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- prompt=none, scopes, response types

    @Test
    void whenPromptNoneWithoutSessionThenLoginRequiredAtTheRegisteredRedirectUriWithState() {
        Map<String, String> p = params(B, B_REDIRECT, Gateway.newVerifier());
        p.put("prompt", "none");
        p.put("state", "st <\"'>&x");

        Http.Answer a = authorize(Map.of(), p);

        assertErrorAtClient(a, B_REDIRECT, "login_required");
        assertThat(query(a.header("Location")).get("state")).isEqualTo("st <\"'>&x");
        // nowhere else
        p.put("redirect_uri", "https://evil.example/cb");
        assertErrorPage(authorize(Map.of(), p), "prompt=none with a foreign redirect_uri");
        p.put("redirect_uri", B_REDIRECT);
        p.put("client_id", "no-such-client");
        assertErrorPage(authorize(Map.of(), p), "prompt=none with an unknown client");
    }

    @Test
    void whenScopeIsUnknownOrNotTheClientsThenInvalidScopeAtTheRedirectUriAndNoCode() {
        String cookie = session("zhouba");
        for (String scope : new String[] {"openid admin", "openid profile" /* B has openid only */, "openid wechat"}) {
            Map<String, String> p = params(B, B_REDIRECT, Gateway.newVerifier());
            p.put("scope", scope);

            Http.Answer a = authorize(Map.of("Cookie", cookie), p);

            assertErrorAtClient(a, B_REDIRECT, "invalid_scope");
            assertThat(query(a.header("Location")).get("state")).isEqualTo("abuse-state");
        }
    }

    @Test
    void whenResponseTypeIsNotCodeThenUnsupportedResponseTypeAndNoTokenAnywhere() {
        String cookie = session("zhouba");
        for (String type : new String[] {"token", "id_token", "code token", "code id_token", "none"}) {
            Map<String, String> p = params(B, B_REDIRECT, Gateway.newVerifier());
            p.put("response_type", type);

            Http.Answer a = authorize(Map.of("Cookie", cookie), p);

            String location = a.header("Location");
            assertThat(a.body() + location)
                    .as(type)
                    .doesNotContain("access_token")
                    .doesNotContain("id_token=");
            if (location == null) {
                assertErrorPage(a, type, "unsupported_response_type");
            } else {
                assertErrorAtClient(a, B_REDIRECT, "unsupported_response_type");
            }
        }
    }

    // ---------------------------------------------------------------- client authentication and grant types

    @Test
    void whenClientSecretIsWrongOrClientUnknownThenInvalidClient401AndTheCodeStillWorks() {
        String cookie = session("zhouba");
        String verifier = Gateway.newVerifier();
        String code = code(cookie, DEMO, verifier);
        String grant = form(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                DEMO_REDIRECT,
                "code_verifier",
                verifier);

        for (String[] who : new String[][] {
            {DEMO, "wrong-secret"},
            {DEMO, DEMO_SECRET + "x"},
            {"no-such-client", DEMO_SECRET},
            {B, B_SECRET.toUpperCase()}
        }) {
            Http.Answer byBasic = token(basic(who[0], who[1]), grant);
            assertOAuthError(byBasic, 401, "invalid_client");
            // RFC 6749 section 5.2: a 401 to Basic credentials names the scheme
            assertThat(byBasic.header("WWW-Authenticate"))
                    .as(String.join(":", who))
                    .startsWith("Basic");
            Http.Answer byPost = token(null, grant + "&" + form("client_id", who[0], "client_secret", who[1]));
            assertOAuthError(byPost, 401, "invalid_client");
        }
        // no credentials at all for a confidential client
        assertOAuthError(token(null, grant + "&client_id=" + DEMO), 401, "invalid_client");

        assertIssued(exchange(DEMO, code, verifier));
    }

    @Test
    void whenSecretIsSentInBothBasicAndPostThenInvalidRequestAndTheCodeStillWorks() {
        String cookie = session("zhouba");
        String verifier = Gateway.newVerifier();
        String code = code(cookie, DEMO, verifier);
        String grant = form(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                DEMO_REDIRECT,
                "code_verifier",
                verifier);

        // RFC 6749 section 2.3: one method per request; section 5.2 calls more than one invalid_request
        for (String[] post : new String[][] {{DEMO, DEMO_SECRET}, {B, B_SECRET}, {DEMO, "wrong"}}) {
            Http.Answer both =
                    token(basic(DEMO, DEMO_SECRET), grant + "&" + form("client_id", post[0], "client_secret", post[1]));
            assertOAuthError(both, 400, "invalid_request");
        }

        assertIssued(exchange(DEMO, code, verifier));
    }

    @Test
    void whenGrantTypeIsUnsupportedOrNotTheClientsThenTheNamedErrorAndNothingIssued() {
        assertOAuthError(
                token(
                        basic(DEMO, DEMO_SECRET),
                        form("grant_type", "password", "username", "zhangsan", "password", "x")),
                400,
                "unsupported_grant_type");
        assertOAuthError(
                token(basic(DEMO, DEMO_SECRET), form("grant_type", "implicit")), 400, "unsupported_grant_type");
        assertOAuthError(
                token(
                        basic(DEMO, DEMO_SECRET),
                        form("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", "x.y.z")),
                400,
                "unsupported_grant_type");
        assertOAuthError(token(basic(DEMO, DEMO_SECRET), form("scope", "openid")), 400, "invalid_request");
        // a grant the server knows, not registered for this client
        assertOAuthError(
                token(basic(DEMO, DEMO_SECRET), form("grant_type", "client_credentials", "scope", "openid")),
                400,
                "unauthorized_client");
        assertOAuthError(
                token(
                        basic(DEMO, DEMO_SECRET),
                        form(
                                "grant_type",
                                "urn:ietf:params:oauth:grant-type:token-exchange",
                                "subject_token",
                                "x",
                                "subject_token_type",
                                "urn:ietf:params:oauth:token-type:access_token")),
                400,
                "unauthorized_client");
    }

    @Test
    void whenTokenRequestIsAGetOrHasNoFormThenRefusedAndNothingIssued() {
        Http.Answer get = g.http()
                .get(
                        g.base() + "/oauth2/token?grant_type=client_credentials",
                        Map.of("Authorization", basic(DEMO, DEMO_SECRET)));
        assertThat(get.status()).isBetween(400, 405);
        assertThat(get.body()).doesNotContain("access_token");
    }

    // ---------------------------------------------------------------- RP-initiated logout

    @Test
    void whenPostLogoutRedirectUriIsNotRegisteredThenErrorPageNoRedirectAndTheLoginStands() {
        String cookie = session("zhangsan");
        String verifier = Gateway.newVerifier();
        JsonNode t = assertIssued(exchange(DEMO, code(cookie, DEMO, verifier), verifier));
        String idToken = t.get("id_token").asString();

        for (String to :
                new String[] {"https://evil.example/", "http://localhost:8090/x", "http://localhost:8090", B_REDIRECT
                }) {
            Http.Answer a = g.http()
                    .get(
                            g.base() + "/connect/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                                    + Gateway.enc(to) + "&state=s",
                            Map.of("Cookie", cookie));
            assertErrorPage(a, to);
        }

        assertThat(g.sessionToken(cookie).status()).isEqualTo(200);
        assertThat(userinfo(t.get("access_token").asString()).status()).isEqualTo(200);
        assertIssued(refresh(DEMO, t.get("refresh_token").asString()));
    }

    // ---------------------------------------------------------------- echoed values, huge and duplicated parameters

    @Test
    void whenStateAndNonceCarryHtmlOrScriptThenTheyAreEchoedEncoded() {
        String cookie = session("lisi");
        String evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
        String verifier = Gateway.newVerifier();
        Map<String, String> p = params(DEMO, DEMO_REDIRECT, verifier);
        p.put("state", evil);
        p.put("nonce", evil);

        Http.Answer a = authorize(Map.of("Cookie", cookie), p);

        assertThat(a.status()).isEqualTo(302);
        String location = a.header("Location");
        assertThat(location)
                .startsWith(DEMO_REDIRECT + "?")
                .doesNotContain("<")
                .doesNotContain(">")
                .doesNotContain("\"");
        assertThat(query(location).get("state")).isEqualTo(evil);
        JsonNode id = Gateway.claims(assertIssued(exchange(DEMO, codeOf(a, DEMO_REDIRECT), verifier))
                .get("id_token")
                .asString());
        assertThat(id.get("nonce").asString()).isEqualTo(evil);

        // and on an error page: an unknown client and a foreign redirect URI, quoted back or not, never raw
        Map<String, String> bad = params("<script>alert(3)</script>", "https://evil.example/<script>", verifier);
        bad.put("state", evil);
        Http.Answer page = authorize(Map.of("Cookie", cookie), bad);
        assertErrorPage(page, "HTML in client_id and redirect_uri");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("<img");
    }

    @Test
    void whenParametersCarryCrLfThenInvalidRequestAndNoHeaderIsInjected() {
        String cookie = session("lisi");
        String base = query(params(DEMO, DEMO_REDIRECT, Gateway.newVerifier())).replace("state=abuse-state", "");
        for (String injected : new String[] {
            "state=x%0d%0aSet-Cookie:%20pwned=1",
            "state=x%0aLocation:%20https://evil.example/",
            "nonce=x%0d%0aX-Evil:%201",
            "redirect_uri=" + Gateway.enc(DEMO_REDIRECT) + "%0d%0aX-Evil:%201"
        }) {
            RawHttp.Answer a = RawHttp.get(port, "/oauth2/authorize?" + base + "&" + injected, "Cookie: " + cookie);
            assertThat(a.status()).as(injected).isEqualTo(400);
            assertThat(a.header("Location")).as(injected).isNull();
            assertThat(a.header("X-Evil")).isNull();
            assertThat(a.headers().toString()).doesNotContain("pwned");
        }
    }

    @Test
    void whenParametersAreHugeThenRefusedWithoutCodeOrStackTrace() {
        String cookie = session("lisi");
        for (String huge :
                new String[] {"state=" + "s".repeat(20_000), "nonce=" + "n".repeat(20_000), "x=" + "y".repeat(100_000)
                }) {
            RawHttp.Answer a = RawHttp.get(
                    port,
                    "/oauth2/authorize?" + query(params(DEMO, DEMO_REDIRECT, Gateway.newVerifier())) + "&" + huge,
                    "Cookie: " + cookie);
            assertThat(a.status()).as(huge.substring(0, 8)).isBetween(400, 431);
            assertThat(a.header("Location")).isNull();
            assertThat(a.body()).doesNotContain("Exception").doesNotContain("at org.");
        }
        // a huge form at the token endpoint
        Http.Answer big = token(
                basic(DEMO, DEMO_SECRET), form("grant_type", "authorization_code", "code", "c".repeat(3_000_000)));
        assertThat(big.status()).isBetween(400, 413);
        assertThat(big.body()).doesNotContain("access_token").doesNotContain("Exception");
    }

    // ---------------------------------------------------------------- cross-browser, the login detour

    @Test
    void whenAnAuthorizationStartedInBrowserAIsCompletedInBrowserBThenRefused() {
        String verifier = Gateway.newVerifier();
        String authorizeUrl = "/oauth2/authorize?" + query(params(DEMO, DEMO_REDIRECT, verifier));
        // browser A: no session, sent to wegate's login, which starts the QR login with A's cookie
        Http.Answer detour = g.http().get(g.base() + authorizeUrl);
        assertThat(detour.status()).isEqualTo(302);
        String returnTo = URLDecoder.decode(
                detour.header("Location").substring("/login?return_to=".length()), StandardCharsets.UTF_8);
        Http.Answer start = g.http().get(g.base() + "/login/wecom-qr?return_to=" + Gateway.enc(returnTo));
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        String location = start.header("Location");
        String state = location.replaceAll(".*[?&]state=([A-Za-z0-9]+).*", "$1");
        String redirectUri =
                URLDecoder.decode(location.replaceAll(".*[?&]redirect_uri=([^&#]+).*", "$1"), StandardCharsets.UTF_8);
        String loginCookieA = start.headers("Set-Cookie").stream()
                .filter(c -> c.contains("WEGATE_LOGIN_"))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        secrets.add(loginCookieA.substring(loginCookieA.indexOf('=') + 1));
        secrets.add(state);
        String upstreamCode = g.mint(Map.of(
                        "flow", "wecom-qr", "agentid", Gateway.AGENT_ID, "userid", "lisi", "redirect_uri", redirectUri))
                .get("code")
                .asString();
        secrets.add(upstreamCode);
        String callback =
                redirectUri.replaceFirst("^https?://[^/]+", g.base()) + "?code=" + upstreamCode + "&state=" + state;

        // browser B (the attacker's, or the victim's when the attacker sent the link): no cookie of A's,
        // and then with a login cookie of its own
        Http.Answer inB = g.http().get(callback);
        assertThat(inB.status()).as(inB.body()).isBetween(400, 403);
        assertThat(inB.headers("Set-Cookie")).noneMatch(c -> c.contains("WEGATE_SESSION"));
        Http.Answer startB = g.http().get(g.base() + "/login/wecom-qr?return_to=" + Gateway.enc(returnTo));
        String loginCookieB = startB.headers("Set-Cookie").stream()
                .filter(c -> c.contains("WEGATE_LOGIN_"))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        Http.Answer inBWithOwnCookie = g.http().get(callback, Map.of("Cookie", loginCookieB));
        assertThat(inBWithOwnCookie.status()).isBetween(400, 403);
        assertThat(inBWithOwnCookie.headers("Set-Cookie")).noneMatch(c -> c.contains("WEGATE_SESSION="));
        assertThat(inBWithOwnCookie.header("Location")).isNull();

        // browser A completes its own login and gets its code
        Http.Answer inA = g.http().get(callback, Map.of("Cookie", loginCookieA));
        assertThat(inA.status()).as(inA.body()).isEqualTo(302);
        String session = inA.headers("Set-Cookie").stream()
                .filter(c -> c.contains("WEGATE_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        secrets.add(session.substring(session.indexOf('=') + 1));
        assertThat(inA.header("Location")).isEqualTo(returnTo);
        Http.Answer authorized = g.http().get(g.base() + inA.header("Location"), Map.of("Cookie", session));
        assertIssued(exchange(DEMO, codeOf(authorized, DEMO_REDIRECT), verifier));
        // and B's authorization request without A's session goes to the login, not to the client
        Http.Answer inBAgain = g.http().get(g.base() + authorizeUrl, Map.of("Cookie", loginCookieB));
        assertThat(inBAgain.header("Location")).startsWith("/login?return_to=");
    }

    @Test
    void whenTheLoginDetoursReturnToPointsElsewhereThenRefusedAndNeverRedirectedThere() {
        for (String to : new String[] {
            "https://evil.example/",
            "//evil.example/oauth2/authorize",
            "/\\evil.example",
            "/.//evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "/%2f%2fevil.example",
            "http://localhost:" + port + "@evil.example/",
            "/oauth2/authorize?client_id=" + DEMO + "%0d%0aLocation:https://evil.example"
        }) {
            for (String path : new String[] {"/login", "/login/wecom-qr", "/login/wecom"}) {
                RawHttp.Answer a = RawHttp.get(port, path + "?return_to=" + Gateway.enc(to));
                String location = a.header("Location");
                assertThat(location == null ? "" : location)
                        .as(path + " " + to)
                        .doesNotContain("evil.example")
                        .doesNotStartWith("//")
                        .doesNotStartWith("javascript");
                if (location != null && location.contains("return_to=")) {
                    String inner = URLDecoder.decode(
                            location.replaceAll(".*[?&]return_to=([^&]+).*", "$1"), StandardCharsets.UTF_8);
                    assertThat(inner).as(path + " " + to).doesNotContain("evil.example");
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A wegate browser session of a sandbox WeCom member: its cookie. */
    private String session(String userid) {
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code(userid, "snsapi_base", r));
        secrets.add(browser.sessionCookie().substring(browser.sessionCookie().indexOf('=') + 1));
        return browser.sessionCookie();
    }

    private static String redirectOf(String client) {
        return switch (client) {
            case PUBLIC -> PUBLIC_REDIRECT;
            case B -> B_REDIRECT;
            default -> DEMO_REDIRECT;
        };
    }

    /** An authorization request's parameters; {@code verifier} null for one without PKCE. */
    private static Map<String, String> params(String client, String redirect, String verifier) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", client);
        p.put("scope", client.equals(B) ? "openid" : "openid profile");
        p.put("state", "abuse-state");
        p.put("nonce", "abuse-nonce");
        p.put("redirect_uri", redirect);
        if (verifier != null) {
            p.put("code_challenge", Gateway.challenge(verifier));
            p.put("code_challenge_method", "S256");
        }
        return p;
    }

    private static String query(Map<String, String> p) {
        StringBuilder b = new StringBuilder();
        p.forEach(
                (k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(Gateway.enc(v)));
        return b.toString();
    }

    /** The decoded query parameters of a URL. */
    private static Map<String, String> query(String url) {
        Map<String, String> m = new LinkedHashMap<>();
        String q = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        for (String pair : q.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                m.put(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private Http.Answer authorize(Map<String, String> headers, Map<String, String> p) {
        return g.http().get(g.base() + "/oauth2/authorize?" + query(p), headers);
    }

    /** A code for {@code client} in the browser of {@code cookie}. */
    private String code(String cookie, String client, String verifier) {
        return codeOf(
                authorize(Map.of("Cookie", cookie), params(client, redirectOf(client), verifier)), redirectOf(client));
    }

    private String codeOf(Http.Answer authorized, String redirect) {
        assertThat(authorized.status()).as(authorized.body()).isEqualTo(302);
        String location = authorized.header("Location");
        assertThat(location).startsWith(redirect + "?").doesNotContain("error=");
        String code = query(location).get("code");
        assertThat(code).isNotBlank();
        secrets.add(code);
        return code;
    }

    private static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(b.isEmpty() ? "" : "&").append(kv[i]).append('=').append(Gateway.enc(kv[i + 1]));
        }
        return b.toString();
    }

    private static String basic(String client, String secret) {
        return Gateway.basic(client, secret);
    }

    private Http.Answer token(String authorization, String form) {
        return token(authorization, "/oauth2/token", form);
    }

    private Http.Answer token(String authorization, String path, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
            secrets.add(authorization.substring(authorization.indexOf(' ') + 1));
        }
        return g.http().send(b);
    }

    /** The code exchange as {@code client} would send it (public: client_id in the form; else Basic). */
    private Http.Answer exchange(String client, String code, String verifier) {
        return exchange(client, code, verifier, true);
    }

    /** {@code secret} false when {@code verifier} is public (e.g. the challenge itself, sent as a verifier). */
    private Http.Answer exchange(String client, String code, String verifier, boolean secret) {
        List<String> kv = new ArrayList<>(
                List.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectOf(client)));
        if (verifier != null) {
            kv.addAll(List.of("code_verifier", verifier));
            if (secret) {
                secrets.add(verifier);
            }
        }
        return switch (client) {
            case PUBLIC -> {
                kv.addAll(List.of("client_id", PUBLIC));
                yield token(null, form(kv.toArray(String[]::new)));
            }
            case B -> token(basic(B, B_SECRET), form(kv.toArray(String[]::new)));
            default -> token(basic(DEMO, DEMO_SECRET), form(kv.toArray(String[]::new)));
        };
    }

    private Http.Answer refresh(String client, String refreshToken) {
        Http.Answer a = token(
                basic(client, client.equals(B) ? B_SECRET : DEMO_SECRET),
                form("grant_type", "refresh_token", "refresh_token", refreshToken));
        if (a.status() == 200) {
            remember(a.json());
        }
        return a;
    }

    private JsonNode introspect(String token) {
        Http.Answer a = token(basic(DEMO, DEMO_SECRET), "/oauth2/introspect", form("token", token));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private Http.Answer userinfo(String accessToken) {
        return g.http().get(g.base() + "/userinfo", Map.of("Authorization", "Bearer " + accessToken));
    }

    private JsonNode assertIssued(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode t = a.json();
        assertThat(t.get("access_token").asString()).isNotBlank();
        remember(t);
        return t;
    }

    private void remember(JsonNode t) {
        for (String name : new String[] {"access_token", "refresh_token", "id_token"}) {
            if (t.has(name)) {
                secrets.add(t.get(name).asString());
            }
        }
    }

    private static void assertOAuthError(Http.Answer a, int status, String error) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().get("error").asString()).as(a.body()).isEqualTo(error);
        assertThat(a.body())
                .doesNotContain("access_token")
                .doesNotContain("id_token")
                .doesNotContain("refresh_token");
        assertThat(a.header("Cache-Control")).as("Cache-Control of an error").isNotNull();
    }

    /** An error shown to the browser, never redirected anywhere (the client or its redirect URI is in doubt). */
    private static void assertErrorPage(Http.Answer a, String what, String error) {
        assertErrorPage(a, what);
        assertThat(a.body()).as(what).contains(error);
        assertThat(a.header("Content-Type")).as(what).startsWith("text/html");
        assertThat(a.body()).as(what).contains("授权请求无效").contains("Invalid authorization request");
    }

    /** An error shown to the browser, never redirected anywhere (the client or its redirect URI is in doubt). */
    private static void assertErrorPage(Http.Answer a, String what) {
        assertThat(a.status()).as(what + ": " + a.body()).isEqualTo(400);
        assertThat(a.header("Location")).as(what).isNull();
        assertThat(a.headers("Refresh")).as(what).isEmpty();
        assertThat(a.body()).as(what).doesNotContain("code=").doesNotContainIgnoringCase("http-equiv=\"refresh\"");
    }

    /** An error the RFC sends back to the client's registered redirect URI, with the request's state. */
    private static void assertErrorAtClient(Http.Answer a, String redirect, String error) {
        assertThat(a.status()).as(a.body()).isEqualTo(302);
        String location = a.header("Location");
        assertThat(location).startsWith(redirect + "?");
        Map<String, String> q = query(location);
        assertThat(q.get("error")).as(location).isEqualTo(error);
        assertThat(q).doesNotContainKey("code");
        assertThat(q.get("state")).isNotNull();
    }

    private static String b64(String s) {
        return Base64URL.encode(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String unsigned(Forge f, String header) {
        return b64(header) + "." + f.genuine().split("\\.")[1] + ".";
    }

    private static String hmac(Forge f, byte[] secret, String kid) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    f.claims());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String es256(JWTClaimsSet claims, ECKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
