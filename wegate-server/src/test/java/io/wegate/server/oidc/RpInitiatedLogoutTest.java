package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect RP-Initiated Logout 1.0 at {@code end_session_endpoint}: the hint is checked, the
 * post-logout URI matched exactly against the client's own, the wegate login and browser session
 * end; anything doubtful is a page, never a redirect, and changes nothing.
 */
@FlowsTest
class RpInitiatedLogoutTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private Http.Answer logout(Gateway g, String query, String cookie) {
        return g.http().get(g.base() + "/connect/logout" + query, cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }

    private static void assertStillLoggedIn(Gateway g, Rp rp, String cookie, JsonNode tokens) {
        assertThat(g.sessionToken(cookie).status()).isEqualTo(200);
        assertThat(rp.refresh(tokens.get("refresh_token").asString()).status()).isEqualTo(200);
    }

    private static void assertErrorPage(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.header("Location")).isNull();
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(a.body()).contains("id=\"error-code\"").doesNotContain("Exception");
    }

    @Test
    void whenLogoutHasAValidHintAndARegisteredUriThenTheLoginEndsAndTheBrowserGoesExactlyThereWithState() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String cookie = Rp.browserSession(g, "zhangsan");
        JsonNode tokens = rp.login(cookie);

        Http.Answer out = logout(
                g,
                "?id_token_hint=" + tokens.get("id_token").asString() + "&post_logout_redirect_uri="
                        + Gateway.enc(rp.postLogout()) + "&state=" + Gateway.enc("s 1/ü"),
                cookie);

        assertThat(out.status()).as(out.body()).isEqualTo(302);
        assertThat(out.header("Location")).isEqualTo(rp.postLogout() + "?state=s%201%2F%C3%BC");
        assertThat(rp.refresh(tokens.get("refresh_token").asString())
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_grant");
        assertThat(g.sessionToken(cookie).status()).isEqualTo(401);
        assertThat(g.http()
                        .get(
                                g.base() + "/userinfo",
                                Map.of(
                                        "Authorization",
                                        "Bearer " + tokens.get("access_token").asString()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void whenTheRelyingPartyPostsTheLogoutWithoutTheBrowsersCookieThenTheLoginStillEnds() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String cookie = Rp.browserSession(g, "lisi");
        JsonNode tokens = rp.login(cookie);

        // SameSite=Lax: a cross-site form POST carries no session cookie; the hint's sid is enough
        Http.Answer out = g.http()
                .postRaw(
                        g.base() + "/connect/logout",
                        "application/x-www-form-urlencoded",
                        "id_token_hint=" + tokens.get("id_token").asString());

        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.body()).contains("id=\"logged-out\"");
        assertThat(g.sessionToken(cookie).status()).isEqualTo(401);
        assertThat(rp.refresh(tokens.get("refresh_token").asString()).status()).isEqualTo(400);
    }

    @Test
    void whenThePostLogoutUriIsOffTheClientsListThenAnErrorPageAndNothingEnds() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String cookie = Rp.browserSession(g, "wangwu");
        JsonNode tokens = rp.login(cookie);
        String hint = tokens.get("id_token").asString();

        for (String uri : new String[] {
            rp.postLogout() + "/x",
            rp.postLogout() + "?a=1",
            "https://evil.example/bye",
            new Rp(g, "rp2").postLogout(),
            rp.postLogout().replace("https", "http")
        }) {
            assertErrorPage(
                    logout(g, "?id_token_hint=" + hint + "&post_logout_redirect_uri=" + Gateway.enc(uri), cookie));
            // without a hint the client_id alone names the list
            assertErrorPage(logout(g, "?client_id=rp1&post_logout_redirect_uri=" + Gateway.enc(uri), cookie));
        }
        // a registered URI without anything that says whose it is
        assertErrorPage(logout(g, "?post_logout_redirect_uri=" + Gateway.enc(rp.postLogout()), cookie));
        assertStillLoggedIn(g, rp, cookie, tokens);
    }

    @Test
    void whenTheHintIsTamperedForeignSignedOrAnotherClientsThenAnErrorPageAndNothingEnds() throws Exception {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String cookie = Rp.browserSession(g, "zhaoliu");
        JsonNode tokens = rp.login(cookie);
        String hint = tokens.get("id_token").asString();
        String[] parts = hint.split("\\.");
        JsonNode claims = Gateway.claims(hint);
        String tampered = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(claims.toString()
                                .replace(claims.get("sub").asString(), "someone-else")
                                .getBytes())
                + "." + parts[2];
        RSAKey foreignKey = new RSAKeyGenerator(2048)
                .keyID(com.nimbusds.jose.JWSObject.parse(hint).getHeader().getKeyID())
                .generate();
        SignedJWT foreign = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(foreignKey.getKeyID())
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(g.base())
                        .subject(claims.get("sub").asString())
                        .audience("rp1")
                        .claim("sid", claims.get("sid").asString())
                        // the genuine hint's expiry: the forgery differs only in its key
                        .expirationTime(new Date(claims.get("exp").asLong() * 1000))
                        .build());
        foreign.sign(new RSASSASigner(foreignKey));
        String apiAccessToken = g.loginAs("sunqi").get("access_token").asString();

        String post = "&post_logout_redirect_uri=" + Gateway.enc(rp.postLogout());
        assertErrorPage(logout(g, "?id_token_hint=" + tampered + post, cookie));
        assertErrorPage(logout(g, "?id_token_hint=" + foreign.serialize() + post, cookie));
        assertErrorPage(logout(g, "?id_token_hint=" + hint + "&client_id=rp2" + post, cookie));
        assertErrorPage(logout(g, "?id_token_hint=" + apiAccessToken + post, cookie));
        assertErrorPage(logout(g, "?id_token_hint=not.a.jwt" + post, cookie));
        assertErrorPage(logout(g, "?id_token_hint=" + hint + "&id_token_hint=" + hint + post, cookie));
        assertStillLoggedIn(g, rp, cookie, tokens);
    }

    @Test
    void whenThereIsNoHintThenThePersonIsAskedAndOnlyTheirConfirmationLogsThemOut() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");
        String cookie = Rp.browserSession(g, "zhouba");
        JsonNode tokens = rp.login(cookie);
        String query = "?client_id=rp1&post_logout_redirect_uri=" + Gateway.enc(rp.postLogout()) + "&state=st-9";

        Http.Answer ask = logout(g, query, cookie);

        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body()).contains("id=\"logout-confirm\"").contains("rp1");
        assertStillLoggedIn(g, rp, cookie, tokens);
        String token = ask.body().replaceAll("(?s).*name=\"wegate_logout_confirmation\" value=\"([^\"]+)\".*", "$1");
        String form = "client_id=rp1&post_logout_redirect_uri=" + Gateway.enc(rp.postLogout()) + "&state=st-9";
        // a forged POST (another site cannot read the token): asked again, nothing ends
        Http.Answer forged = postLogout(g, form + "&wegate_logout_confirmation=forged-token", cookie);
        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.body()).contains("id=\"logout-confirm\"");
        assertThat(g.sessionToken(cookie).status()).isEqualTo(200);
        // the token of the first page was used up by the forged attempt: ask once more and confirm
        token = forged.body().replaceAll("(?s).*name=\"wegate_logout_confirmation\" value=\"([^\"]+)\".*", "$1");

        Http.Answer confirmed = postLogout(g, form + "&wegate_logout_confirmation=" + token, cookie);

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(302);
        assertThat(confirmed.header("Location")).isEqualTo(rp.postLogout() + "?state=st-9");
        assertThat(g.sessionToken(cookie).status()).isEqualTo(401);
        assertThat(rp.refresh(tokens.get("refresh_token").asString()).status()).isEqualTo(400);
    }

    @Test
    void whenThereIsNeitherHintNorSessionThenALoggedOutPageOrTheVerifiedRedirect() {
        Gateway g = g();
        Rp rp = new Rp(g, "rp1");

        Http.Answer plain = logout(g, "", null);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.body()).contains("id=\"logged-out\"");

        Http.Answer back =
                logout(g, "?client_id=rp1&state=x&post_logout_redirect_uri=" + Gateway.enc(rp.postLogout()), null);
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.header("Location")).isEqualTo(rp.postLogout() + "?state=x");

        assertErrorPage(logout(g, "?client_id=nobody", null));
    }

    private static Http.Answer postLogout(Gateway g, String form, String cookie) {
        return g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/connect/logout"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
