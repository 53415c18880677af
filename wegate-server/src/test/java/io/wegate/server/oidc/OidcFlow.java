package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import tools.jackson.databind.JsonNode;

/** Drives OIDC code flows by hand over HTTP for the claims, consent and prompt tests. */
final class OidcFlow {

    static final String SECRET = "rp-secret";

    final Gateway g;
    final String clientId;
    final String redirect;

    OidcFlow(Gateway g, String clientId) {
        this.g = g;
        this.clientId = clientId;
        this.redirect = "https://" + clientId + ".example.test/cb";
    }

    /** Registers a confidential client through the repository bean (as h-clients' admin API would). */
    static OidcFlow client(
            Gateway g,
            RegisteredClientRepository clients,
            String clientId,
            List<String> scopes,
            boolean firstParty,
            Map<String, Object> settings) {
        OidcFlow f = new OidcFlow(g, clientId);
        if (clients.findByClientId(clientId) != null) {
            return f;
        }
        Map<String, Object> s = new HashMap<>(settings);
        s.put("wegate.first-party", firstParty);
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(f.redirect)
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(!firstParty)
                        .settings(m -> m.putAll(s))
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(Duration.ofSeconds(60))
                        .reuseRefreshTokens(false)
                        .build());
        scopes.forEach(b::scope);
        clients.save(b.build());
        return f;
    }

    String query(String scope, String verifier, String extra) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=" + Gateway.enc(scope)
                + "&state=st-1&nonce=n-1&redirect_uri=" + Gateway.enc(redirect) + "&code_challenge="
                + Gateway.challenge(verifier) + "&code_challenge_method=S256" + extra;
    }

    Http.Answer authorize(String cookie, String scope, String verifier, String extra) {
        return get(query(scope, verifier, extra), cookie);
    }

    Http.Answer get(String pathAndQuery, String cookie) {
        return g.http().get(g.base() + pathAndQuery, cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }

    /** The code of a redirect to the client, or fails. */
    String code(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(302);
        assertThat(a.header("Location")).as(a.header("Location")).startsWith(redirect + "?code=");
        return param(a.header("Location"), "code");
    }

    static String param(String url, String name) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("[?&]" + name + "=([^&#]*)").matcher(url);
        return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
    }

    /** Authorize (no consent needed) and exchange: the token response. */
    JsonNode tokens(String cookie, String scope) {
        String verifier = Gateway.newVerifier();
        return exchange(code(authorize(cookie, scope, verifier, "")), verifier);
    }

    JsonNode exchange(String code, String verifier) {
        Http.Answer t = token("grant_type=authorization_code&code=" + Gateway.enc(code) + "&redirect_uri="
                + Gateway.enc(redirect) + "&code_verifier=" + verifier);
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        return t.json();
    }

    Http.Answer token(String form) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (clientId + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Http.Answer userInfo(String accessToken) {
        return g.http().get(g.base() + "/userinfo", Map.of("Authorization", "Bearer " + accessToken));
    }

    Http.Answer userInfoPost(String accessToken) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/userinfo"))
                        .header("Authorization", "Bearer " + accessToken)
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A form POST at wegate with these headers. */
    Http.Answer postForm(String path, String form, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return g.http().send(b);
    }
}
