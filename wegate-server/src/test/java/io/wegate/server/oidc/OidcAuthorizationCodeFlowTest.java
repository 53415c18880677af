package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenID Connect authorization code flow with PKCE, end to end over HTTP: discovery, an
 * authorization request that goes through wegate's own WeCom login, the code exchange, an ID token
 * that verifies against the published keys and says who (the wegate account) and how (upstream and
 * flow) the person logged in, and UserInfo.
 */
@GatewayTest
@TestPropertySource(
        properties = {
            "wegate.oidc.clients[0].client-id=grafana",
            "wegate.oidc.clients[0].client-secret={noop}grafana-secret",
            "wegate.oidc.clients[0].redirect-uris=https://grafana.example.test/login/generic_oauth",
            "wegate.oidc.clients[0].scopes=openid,profile"
        })
class OidcAuthorizationCodeFlowTest {

    private static final String REDIRECT = "https://grafana.example.test/login/generic_oauth";

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private String authorizeQuery(String verifier, String redirect) {
        return "/oauth2/authorize?response_type=code&client_id=grafana&scope=openid%20profile&state=st-123&nonce=n-456"
                + "&redirect_uri=" + Gateway.enc(redirect) + "&code_challenge=" + Gateway.challenge(verifier)
                + "&code_challenge_method=S256";
    }

    @Test
    void discoveryWhenReadThenIssuerEndpointsBothSigningAlgorithmsAndPublicKeysOnly() {
        Gateway g = g();
        Http.Answer d = g.http().get(g.base() + "/.well-known/openid-configuration");

        assertThat(d.status()).isEqualTo(200);
        JsonNode metadata = d.json();
        assertThat(metadata.get("issuer").asString()).isEqualTo(g.base());
        assertThat(metadata.get("id_token_signing_alg_values_supported").toString())
                .isEqualTo("[\"RS256\",\"ES256\"]");
        assertThat(metadata.get("authorization_endpoint").asString()).isEqualTo(g.base() + "/oauth2/authorize");
        assertThat(metadata.get("code_challenge_methods_supported").toString()).contains("S256");
        String jwks = g.http().get(metadata.get("jwks_uri").asString()).body();
        assertThat(jwks).contains("\"kty\":\"EC\"").contains("\"kty\":\"RSA\"").doesNotContain("\"d\"");
        // the same key as wegate's own tokens
        assertThat(jwks)
                .contains(g.http()
                        .get(g.base() + "/.well-known/jwks.json")
                        .json()
                        .get("keys")
                        .get(0)
                        .get("kid")
                        .asString());
    }

    @Test
    void authorizeWhenNoWegateSessionThenWegatesOwnLoginComesBackToTheRequest() {
        Gateway g = g();
        String verifier = Gateway.newVerifier();

        Http.Answer a = g.http().get(g.base() + authorizeQuery(verifier, REDIRECT));

        assertThat(a.status()).isEqualTo(302);
        assertThat(a.header("Location")).startsWith("/login?return_to=");
        String back = java.net.URLDecoder.decode(
                a.header("Location").substring("/login?return_to=".length()), StandardCharsets.UTF_8);
        assertThat(back).isEqualTo(authorizeQuery(verifier, REDIRECT));
    }

    @Test
    void codeFlowWhenWeComMemberLogsInThenIdTokenVerifiesAndNamesTheAccountAndTheFlow() throws Exception {
        Gateway g = g();
        Gateway.BrowserLogin browser = g.browserLogin(
                "/login/wecom-qr?return_to=/",
                r -> g.mint(Map.of(
                                "flow", "wecom-qr", "agentid", Gateway.AGENT_ID, "userid", "lisi", "redirect_uri", r))
                        .get("code")
                        .asString());
        String accountId = browser.tokens(g).get("account").get("id").asString();
        String verifier = Gateway.newVerifier();

        Http.Answer authorized =
                g.http().get(g.base() + authorizeQuery(verifier, REDIRECT), Map.of("Cookie", browser.sessionCookie()));

        assertThat(authorized.status()).as(authorized.body()).isEqualTo(302);
        String location = authorized.header("Location");
        assertThat(location).startsWith(REDIRECT + "?code=").contains("state=st-123");
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

        Http.Answer exchanged = token(
                g,
                "grant_type=authorization_code&code=" + code + "&redirect_uri=" + Gateway.enc(REDIRECT)
                        + "&code_verifier=" + verifier);
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        JsonNode tokens = exchanged.json();
        JWTClaimsSet id = verify(g, tokens.get("id_token").asString());

        assertThat(id.getIssuer()).isEqualTo(g.base());
        assertThat(id.getAudience()).containsExactly("grafana");
        assertThat(id.getSubject()).isEqualTo(accountId);
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-456");
        assertThat(id.getStringListClaim("amr")).containsExactly("wecom", "wecom-qr");
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:wegate:wecom:wecom-qr");
        assertThat(id.getLongClaim("auth_time")).isPositive();

        Http.Answer userinfo = g.http()
                .get(
                        g.base() + "/userinfo",
                        Map.of(
                                "Authorization",
                                "Bearer " + tokens.get("access_token").asString()));
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json().get("sub").asString()).isEqualTo(accountId);

        // the code is single use
        assertThat(token(
                                g,
                                "grant_type=authorization_code&code=" + code + "&redirect_uri=" + Gateway.enc(REDIRECT)
                                        + "&code_verifier=" + verifier)
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_grant");
    }

    @Test
    void authorizeWhenPromptNoneAndNoWegateSessionThenLoginRequiredToTheClient() {
        Gateway g = g();

        Http.Answer a = g.http().get(g.base() + authorizeQuery(Gateway.newVerifier(), REDIRECT) + "&prompt=none");

        assertThat(a.status()).isEqualTo(302);
        assertThat(a.header("Location"))
                .startsWith(REDIRECT + "?")
                .contains("error=login_required")
                .contains("state=st-123");
        // and with a redirect URI that is not the client's: no redirect at all
        Http.Answer elsewhere = g.http()
                .get(g.base() + authorizeQuery(Gateway.newVerifier(), "https://evil.example/cb") + "&prompt=none");
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.header("Location")).isNull();
    }

    @Test
    void authorizeWhenRedirectUriIsNotRegisteredThenErrorShownAndNotRedirected() {
        Gateway g = g();
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("wangwu", "snsapi_base", r));

        for (String redirect :
                new String[] {"https://evil.example/cb", REDIRECT + "/x", REDIRECT.replace("https", "http")}) {
            Http.Answer a = g.http()
                    .get(
                            g.base() + authorizeQuery(Gateway.newVerifier(), redirect),
                            Map.of("Cookie", browser.sessionCookie()));
            assertThat(a.status()).as(redirect).isEqualTo(400);
            assertThat(a.header("Location")).isNull();
        }
    }

    @Test
    void tokenWhenCodeVerifierIsWrongThenInvalidGrantAndNothingIssued() {
        Gateway g = g();
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhaoliu", "snsapi_base", r));
        Http.Answer authorized = g.http()
                .get(
                        g.base() + authorizeQuery(Gateway.newVerifier(), REDIRECT),
                        Map.of("Cookie", browser.sessionCookie()));
        String code = authorized.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1");

        Http.Answer wrong = token(
                g,
                "grant_type=authorization_code&code=" + code + "&redirect_uri=" + Gateway.enc(REDIRECT)
                        + "&code_verifier=" + Gateway.newVerifier());

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(wrong.body()).doesNotContain("access_token");
    }

    @Test
    void refreshWhenRotatedTokenIsPresentedAgainThenTheWholeLoginIsRevokedBrowserSessionIncluded() {
        Gateway g = g();
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("sunqi", "snsapi_base", r));
        String verifier = Gateway.newVerifier();
        String code = g.http()
                .get(g.base() + authorizeQuery(verifier, REDIRECT), Map.of("Cookie", browser.sessionCookie()))
                .header("Location")
                .replaceAll(".*[?&]code=([^&]+).*", "$1");
        JsonNode first = token(
                        g,
                        "grant_type=authorization_code&code=" + code + "&redirect_uri=" + Gateway.enc(REDIRECT)
                                + "&code_verifier=" + verifier)
                .json();
        String refresh1 = first.get("refresh_token").asString();

        Http.Answer rotated = token(g, "grant_type=refresh_token&refresh_token=" + Gateway.enc(refresh1));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        Http.Answer reused = token(g, "grant_type=refresh_token&refresh_token=" + Gateway.enc(refresh1));

        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
        String refresh2 = rotated.json().get("refresh_token").asString();
        assertThat(token(g, "grant_type=refresh_token&refresh_token=" + Gateway.enc(refresh2))
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_grant");
        assertThat(g.http()
                        .get(
                                g.base() + "/userinfo",
                                Map.of(
                                        "Authorization",
                                        "Bearer "
                                                + rotated.json()
                                                        .get("access_token")
                                                        .asString()))
                        .status())
                .isEqualTo(401);
        assertThat(g.sessionToken(browser.sessionCookie()).status()).isEqualTo(401);
    }

    private static Http.Answer token(Gateway g, String form) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "grafana:grafana-secret".getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static JWTClaimsSet verify(Gateway g, String jwt) throws Exception {
        String jwks = g.http().get(g.base() + "/oauth2/jwks").body();
        assertThat(com.nimbusds.jose.JWSObject.parse(jwt).getHeader().getAlgorithm())
                .as(jwks + " " + com.nimbusds.jose.JWSObject.parse(jwt).getHeader())
                .isEqualTo(JWSAlgorithm.RS256);
        JWKSet keys = JWKSet.parse(jwks);
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        // ID tokens are RS256 by default: what every relying party accepts
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        return p.process(jwt, null);
    }
}
