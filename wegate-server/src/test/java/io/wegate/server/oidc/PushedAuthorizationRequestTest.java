package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Pushed authorization requests (RFC 9126): the client pushes its request, authenticated, and sends
 * the browser with only {@code client_id} and {@code request_uri}; the detour through wegate's login
 * keeps the request_uri (and does not use it up); it is single use and only its own client's.
 */
@FlowsTest
class PushedAuthorizationRequestTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private static String pushed(Rp rp, String verifier) {
        Http.Answer par = rp.post(
                "/oauth2/par",
                "client_id=" + rp.clientId()
                        + "&response_type=code&scope=openid%20profile&state=par-state&nonce=par-nonce&redirect_uri="
                        + Gateway.enc(rp.redirect()) + "&code_challenge=" + Gateway.challenge(verifier)
                        + "&code_challenge_method=S256");
        assertThat(par.status()).as(par.body()).isEqualTo(201);
        assertThat(par.json().get("expires_in").asLong()).isBetween(1L, 300L);
        return par.json().get("request_uri").asString();
    }

    @Test
    void whenTheBrowserComesWithAPushedRequestAndNoSessionThenTheLoginDetourKeepsItAndTheCodeFlowCompletes() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String verifier = Gateway.newVerifier();
        String requestUri = pushed(rp, verifier);
        assertThat(requestUri).startsWith("urn:ietf:params:oauth:request_uri:");
        String authorize = "/oauth2/authorize?client_id=rp1&request_uri=" + Gateway.enc(requestUri);

        Http.Answer first = g.http().get(g.base() + authorize);
        assertThat(first.status()).isEqualTo(302);
        String back = URLDecoder.decode(
                first.header("Location").substring("/login?return_to=".length()), StandardCharsets.UTF_8);
        assertThat(back).isEqualTo(authorize);
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=" + Gateway.enc(back), r -> g.code("lisi", "snsapi_base", r));
        assertThat(browser.callback().header("Location")).isEqualTo(authorize);

        Http.Answer authorized = g.http().get(g.base() + authorize, Map.of("Cookie", browser.sessionCookie()));

        assertThat(authorized.status()).as(authorized.body()).isEqualTo(302);
        assertThat(authorized.header("Location"))
                .startsWith(rp.redirect() + "?code=")
                .contains("state=par-state");
        JsonNode tokens = rp.exchange(Rp.code(authorized.header("Location")), verifier);
        JsonNode id = Gateway.claims(tokens.get("id_token").asString());
        assertThat(id.get("nonce").asString()).isEqualTo("par-nonce");
        assertThat(id.get("aud").toString()).contains("rp1");
        // single use
        Http.Answer replayed = g.http().get(g.base() + authorize, Map.of("Cookie", browser.sessionCookie()));
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.header("Location")).isNull();
    }

    @Test
    void whenAnotherClientOrNoClientPresentsTheRequestUriThenRefusedWithoutRedirect() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String requestUri = pushed(rp, Gateway.newVerifier());
        String cookie = Rp.browserSession(g, "wangwu");

        Http.Answer otherClient = g.http()
                .get(
                        g.base() + "/oauth2/authorize?client_id=rp2&request_uri=" + Gateway.enc(requestUri),
                        Map.of("Cookie", cookie));
        assertThat(otherClient.status()).isEqualTo(400);
        assertThat(otherClient.header("Location")).isNull();
        Http.Answer forged = g.http()
                .get(
                        g.base() + "/oauth2/authorize?client_id=rp1&request_uri="
                                + Gateway.enc("urn:ietf:params:oauth:request_uri:forged___9999999999999"),
                        Map.of("Cookie", cookie));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.header("Location")).isNull();
        // the pushed request is still rp1's, and works for rp1
        Http.Answer own = g.http()
                .get(
                        g.base() + "/oauth2/authorize?client_id=rp1&request_uri=" + Gateway.enc(requestUri),
                        Map.of("Cookie", cookie));
        assertThat(own.status()).isEqualTo(302);
        assertThat(own.header("Location")).startsWith(rp.redirect() + "?code=");
    }

    @Test
    void whenThePushIsNotClientAuthenticatedOrNamesAForeignRedirectThenRefused() {
        Gateway g = g();
        Http.Answer anonymous = g.http()
                .postRaw(
                        g.base() + "/oauth2/par",
                        "application/x-www-form-urlencoded",
                        "client_id=rp1&response_type=code&scope=openid&redirect_uri="
                                + Gateway.enc("https://rp1.example.test/cb"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("request_uri");
        Http.Answer wrongSecret = g.http()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(g.base() + "/oauth2/par"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", Gateway.basic("rp1", "wrong"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("response_type=code&scope=openid")));
        assertThat(wrongSecret.status()).isEqualTo(401);
        Http.Answer foreign = new Rp(g, "rp1")
                .post(
                        "/oauth2/par",
                        "client_id=rp1&response_type=code&scope=openid&code_challenge_method=S256&code_challenge="
                                + Gateway.challenge(Gateway.newVerifier()) + "&redirect_uri="
                                + Gateway.enc("https://evil.example/cb"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(foreign.body()).doesNotContain("urn:ietf:params:oauth:request_uri");
    }
}
