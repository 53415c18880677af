package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A relying party of {@link FlowsTest} ({@code rp1}, {@code rp2}) driven by hand over HTTP. */
record Rp(Gateway g, String clientId) {

    String secret() {
        return clientId + "-secret";
    }

    String redirect() {
        return "https://" + clientId + ".example.test/cb";
    }

    String postLogout() {
        return "https://" + clientId + ".example.test/bye";
    }

    String authorizeQuery(String verifier) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&scope=openid%20profile&state=st-1"
                + "&nonce=n-1&redirect_uri=" + Gateway.enc(redirect()) + "&code_challenge="
                + Gateway.challenge(verifier)
                + "&code_challenge_method=S256";
    }

    /** The code flow for the browser with {@code sessionCookie}: the token response. */
    JsonNode login(String sessionCookie) {
        String verifier = Gateway.newVerifier();
        Http.Answer authorized = g.http().get(g.base() + authorizeQuery(verifier), Map.of("Cookie", sessionCookie));
        assertThat(authorized.status()).as(authorized.body()).isEqualTo(302);
        return exchange(code(authorized.header("Location")), verifier);
    }

    JsonNode exchange(String code, String verifier) {
        Http.Answer t = token("grant_type=authorization_code&code=" + Gateway.enc(code) + "&redirect_uri="
                + Gateway.enc(redirect()) + "&code_verifier=" + verifier);
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        return t.json();
    }

    static String code(String location) {
        assertThat(location).contains("code=");
        return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    /** A POST to {@code path} with HTTP Basic client authentication. */
    Http.Answer post(String path, String form) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Gateway.basic(clientId, secret()))
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Http.Answer token(String form) {
        return post("/oauth2/token", form);
    }

    Http.Answer refresh(String refreshToken) {
        return token("grant_type=refresh_token&refresh_token=" + Gateway.enc(refreshToken));
    }

    /** A browser session of a sandbox WeCom member, through wegate's own login. */
    static String browserSession(Gateway g, String userid) {
        Gateway.BrowserLogin b = g.browserLogin("/login/wecom?return_to=/", r -> g.code(userid, "snsapi_base", r));
        assertThat(b.sessionCookie()).isNotNull();
        return b.sessionCookie();
    }
}
