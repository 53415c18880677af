package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import io.wegate.server.support.PrivateKeyJwtClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The discovery documents advertise exactly what works, and each advertised method (each client
 * authentication method at each endpoint, {@code private_key_jwt} with each signing algorithm) is
 * used here once (the endpoints: this class, {@link RpInitiatedLogoutTest}, {@link DeviceAuthorizationGrantTest},
 * {@link PushedAuthorizationRequestTest}, {@link OidcAuthorizationCodeFlowTest}).
 */
@FlowsTest
class OidcDiscoveryTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private static List<String> list(JsonNode metadata, String name) {
        List<String> values = new ArrayList<>();
        assertThat(metadata.get(name)).as(name).isNotNull();
        metadata.get(name).forEach(v -> values.add(v.asString()));
        return values;
    }

    private static void assertAdvertisesExactlyWhatWorks(Gateway g, JsonNode m) {
        assertThat(m.get("issuer").asString()).isEqualTo(g.base());
        assertThat(list(m, "token_endpoint_auth_methods_supported"))
                .containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
        assertThat(list(m, "introspection_endpoint_auth_methods_supported"))
                .containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt");
        assertThat(list(m, "revocation_endpoint_auth_methods_supported"))
                .containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt");
        for (String endpoint : new String[] {"token", "introspection", "revocation"}) {
            assertThat(list(m, endpoint + "_endpoint_auth_signing_alg_values_supported"))
                    .containsExactly("RS256", "ES256");
        }
        assertThat(list(m, "grant_types_supported"))
                .containsExactly("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code");
        assertThat(list(m, "response_types_supported")).containsExactly("code");
        assertThat(list(m, "response_modes_supported")).containsExactly("query");
        assertThat(list(m, "code_challenge_methods_supported")).containsExactly("S256");
        assertThat(m.get("device_authorization_endpoint").asString())
                .isEqualTo(g.base() + "/oauth2/device_authorization");
        assertThat(m.get("pushed_authorization_request_endpoint").asString()).isEqualTo(g.base() + "/oauth2/par");
        assertThat(m.get("token_endpoint").asString()).isEqualTo(g.base() + "/oauth2/token");
        assertThat(m.get("introspection_endpoint").asString()).isEqualTo(g.base() + "/oauth2/introspect");
        assertThat(m.get("revocation_endpoint").asString()).isEqualTo(g.base() + "/oauth2/revoke");
        for (String absent : new String[] {
            "registration_endpoint", "tls_client_certificate_bound_access_tokens", "dpop_signing_alg_values_supported"
        }) {
            assertThat(m.has(absent)).as(absent).isFalse();
        }
        assertThat(m.toString())
                .doesNotContain("client_secret_jwt")
                .doesNotContain("HS256")
                .doesNotContain("client_credentials")
                .doesNotContain("token-exchange")
                .doesNotContain("tls_client_auth");
    }

    @Test
    void whenTheOpenidConfigurationIsReadThenItAdvertisesExactlyWhatWorks() {
        Gateway g = g();
        JsonNode m =
                g.http().get(g.base() + "/.well-known/openid-configuration").json();

        assertAdvertisesExactlyWhatWorks(g, m);
        assertThat(list(m, "id_token_signing_alg_values_supported")).containsExactly("RS256", "ES256");
        assertThat(m.get("end_session_endpoint").asString()).isEqualTo(g.base() + "/connect/logout");
        assertThat(m.get("userinfo_endpoint").asString()).isEqualTo(g.base() + "/userinfo");
        // Back-Channel Logout 1.0 section 2.1 (BackChannelLogoutTest): logout tokens with sid
        assertThat(m.get("backchannel_logout_supported").asBoolean()).isTrue();
        assertThat(m.get("backchannel_logout_session_supported").asBoolean()).isTrue();
    }

    @Test
    void whenTheOauthAuthorizationServerMetadataIsReadThenItAdvertisesTheSame() {
        Gateway g = g();
        Http.Answer a = g.http().get(g.base() + "/.well-known/oauth-authorization-server");

        assertThat(a.status()).isEqualTo(200);
        assertAdvertisesExactlyWhatWorks(g, a.json());
    }

    @Test
    void whenEachAdvertisedClientAuthenticationMethodIsUsedThenItsEndpointAcceptsIt() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String cookie = Rp.browserSession(g, "zhangsan");
        // client_secret_basic at the token endpoint (authorization_code)
        JsonNode tokens = rp.login(cookie);
        // client_secret_post at the token endpoint (refresh_token)
        Http.Answer refreshed = form(
                g,
                "/oauth2/token",
                "grant_type=refresh_token&client_id=rp1&client_secret=rp1-secret&refresh_token="
                        + Gateway.enc(tokens.get("refresh_token").asString()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access = refreshed.json().get("access_token").asString();
        // introspection, basic and post
        assertThat(rp.post("/oauth2/introspect", "token=" + access)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(form(g, "/oauth2/introspect", "client_id=rp1&client_secret=rp1-secret&token=" + access)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
        // revocation, post then basic
        String refresh = refreshed.json().get("refresh_token").asString();
        assertThat(form(g, "/oauth2/revoke", "client_id=rp1&client_secret=rp1-secret&token=" + access)
                        .status())
                .isEqualTo(200);
        assertThat(rp.post("/oauth2/revoke", "token=" + refresh).status()).isEqualTo(200);
        assertThat(rp.refresh(refresh).status()).isEqualTo(400);
        // none: a public client with PKCE (S256)
        String verifier = Gateway.newVerifier();
        Http.Answer authorized = g.http()
                .get(
                        g.base() + "/oauth2/authorize?response_type=code&client_id=spa&scope=openid&state=s"
                                + "&redirect_uri=" + Gateway.enc("https://spa.example.test/cb") + "&code_challenge="
                                + Gateway.challenge(verifier) + "&code_challenge_method=S256",
                        Map.of("Cookie", cookie));
        assertThat(authorized.status()).as(authorized.body()).isEqualTo(302);
        Http.Answer spa = form(
                g,
                "/oauth2/token",
                "grant_type=authorization_code&client_id=spa&code=" + Rp.code(authorized.header("Location"))
                        + "&redirect_uri=" + Gateway.enc("https://spa.example.test/cb") + "&code_verifier=" + verifier);
        assertThat(spa.status()).as(spa.body()).isEqualTo(200);
        // private_key_jwt, with each advertised signing algorithm, at each endpoint
        for (String alg : new String[] {"RS256", "ES256"}) {
            try (PrivateKeyJwtClient pk = PrivateKeyJwtClient.start()) {
                pk.register(g, alg);
                OidcClient.Code code =
                        new OidcClient(pk.clientId(), "", PrivateKeyJwtClient.redirect()).authorize(g, cookie);
                Http.Answer t = pk.post(
                        g,
                        "/oauth2/token",
                        "grant_type=authorization_code&code=" + code.code() + "&redirect_uri="
                                + Gateway.enc(PrivateKeyJwtClient.redirect()) + "&code_verifier=" + code.verifier());
                assertThat(t.status()).as(alg + " " + t.body()).isEqualTo(200);
                String token = t.json().get("access_token").asString();
                assertThat(pk.post(g, "/oauth2/introspect", "token=" + token)
                                .json()
                                .get("active")
                                .asBoolean())
                        .as(alg)
                        .isTrue();
                assertThat(pk.post(g, "/oauth2/revoke", "token=" + token).status())
                        .as(alg)
                        .isEqualTo(200);
                assertThat(pk.post(g, "/oauth2/introspect", "token=" + token)
                                .json()
                                .get("active")
                                .asBoolean())
                        .as(alg)
                        .isFalse();
            }
        }
    }

    @Test
    void whenPlainPkceIsAskedForThenRefused() {
        Gateway g = g();
        String cookie = Rp.browserSession(g, "lisi");
        String verifier = Gateway.newVerifier();

        Http.Answer plain = g.http()
                .get(
                        g.base() + "/oauth2/authorize?response_type=code&client_id=spa&scope=openid&state=s"
                                + "&redirect_uri=" + Gateway.enc("https://spa.example.test/cb") + "&code_challenge="
                                + verifier + "&code_challenge_method=plain",
                        Map.of("Cookie", cookie));

        // an error for the client, and no code
        assertThat(plain.header("Location") == null ? plain.body() : plain.header("Location"))
                .contains("invalid_request")
                .doesNotContain("code=");
    }

    private static Http.Answer form(Gateway g, String path, String body) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
