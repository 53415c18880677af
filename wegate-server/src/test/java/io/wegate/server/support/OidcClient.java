package io.wegate.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A confidential OIDC relying party driving a gateway with plain HTTP: a WeCom member's browser
 * login, the authorization code flow with PKCE, and the token, introspection and revocation
 * endpoints with client authentication. Defaults to the sandbox's demo client.
 */
public final class OidcClient {

    public static final String DEMO_ID = "wegate-demo";
    public static final String DEMO_SECRET = "wegate-demo-secret";
    public static final String DEMO_REDIRECT = "http://localhost:8090/login/oauth2/code/wegate";

    private final String clientId;
    private final String secret;
    private final String redirect;

    public OidcClient(String clientId, String secret, String redirect) {
        this.clientId = clientId;
        this.secret = secret;
        this.redirect = redirect;
    }

    public static OidcClient demo() {
        return new OidcClient(DEMO_ID, DEMO_SECRET, DEMO_REDIRECT);
    }

    /** A WeCom member's browser session at {@code g} (the cookie). */
    public static String browserSession(Gateway g, String userid) {
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code(userid, "snsapi_base", r));
        assertThat(browser.sessionCookie()).as(browser.callback().body()).isNotNull();
        return browser.sessionCookie();
    }

    /** An authorization code for the person of {@code sessionCookie}, and its verifier. */
    public record Code(String code, String verifier) {}

    public Code authorize(Gateway g, String sessionCookie) {
        String verifier = Gateway.newVerifier();
        Http.Answer a = g.http()
                .get(
                        g.base() + "/oauth2/authorize?response_type=code&client_id=" + clientId
                                + "&scope=openid%20profile&state=s1&nonce=n1&redirect_uri=" + Gateway.enc(redirect)
                                + "&code_challenge=" + Gateway.challenge(verifier) + "&code_challenge_method=S256",
                        Map.of("Cookie", sessionCookie));
        assertThat(a.status()).as(a.body()).isEqualTo(302);
        assertThat(a.header("Location")).startsWith(redirect + "?code=");
        return new Code(a.header("Location").replaceAll(".*[?&]code=([^&]+).*", "$1"), verifier);
    }

    public Http.Answer exchange(Gateway g, Code code) {
        return token(
                g,
                "grant_type=authorization_code&code=" + code.code() + "&redirect_uri=" + Gateway.enc(redirect)
                        + "&code_verifier=" + code.verifier());
    }

    /** Browser login, authorization and code exchange: the token response (asserted 200). */
    public JsonNode tokens(Gateway g, String userid) {
        Http.Answer a = exchange(g, authorize(g, browserSession(g, userid)));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    public Http.Answer refresh(Gateway g, String refreshToken) {
        return token(g, "grant_type=refresh_token&refresh_token=" + Gateway.enc(refreshToken));
    }

    public Http.Answer token(Gateway g, String form) {
        return post(g, "/oauth2/token", form);
    }

    public Http.Answer introspect(Gateway g, String token) {
        return post(g, "/oauth2/introspect", "token=" + Gateway.enc(token));
    }

    public Http.Answer revoke(Gateway g, String token) {
        return post(g, "/oauth2/revoke", "token=" + Gateway.enc(token));
    }

    public Http.Answer post(Gateway g, String path, String form) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Gateway.basic(clientId, secret))
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
