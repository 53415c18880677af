package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

/**
 * Consent for clients that are not first-party: a page that names the client and the scopes,
 * approve → code, deny → access_denied, remembered per account and client, prompt=consent shows it
 * again, prompt=none without consent → consent_required, revocable (API and page), and a consent
 * POST that is not the page's own (wrong or no state, another browser, cross-site) grants nothing.
 */
@GatewayTest
class OidcConsentTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    private OidcFlow wiki(Gateway g) {
        return OidcFlow.client(
                g,
                clients,
                "team-wiki",
                List.of("openid", "profile", "email"),
                false,
                Map.of("wegate.client-name", "Team <Wiki>"));
    }

    private Gateway.BrowserLogin login(Gateway g, String userid) {
        return g.browserLogin("/login/wecom?return_to=/", r -> g.code(userid, "snsapi_base", r));
    }

    /** Authorize, expecting the consent page; returns the page's GET answer. */
    private Http.Answer consentPage(OidcFlow rp, String cookie, String verifier, String extra) {
        Http.Answer a = rp.authorize(cookie, "openid profile", verifier, extra);
        assertThat(a.status()).as(a.body()).isEqualTo(302);
        String location = a.header("Location");
        assertThat(location).as(location).contains("/oauth2/consent?");
        String path = location.substring(location.indexOf("/oauth2/consent"));
        Http.Answer page = rp.get(path, cookie);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page;
    }

    private static String state(Http.Answer page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"state\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String approve(String state) {
        return "client_id=team-wiki&state=" + Gateway.enc(state) + "&scope=openid&scope=profile";
    }

    @Test
    void whenThirdPartyClientAsksThenPageNamesItAndTheScopesAndApprovalIsRememberedUntilRevoked() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = wiki(g);
        Gateway.BrowserLogin browser = login(g, "zhangsan");
        String own = browser.tokens(g).get("access_token").asString();
        String verifier = Gateway.newVerifier();

        Http.Answer page = consentPage(rp, browser.sessionCookie(), verifier, "");
        assertThat(page.body())
                .contains("Team &lt;Wiki&gt;")
                .doesNotContain("Team <Wiki>")
                .contains("Your name, username and picture")
                .contains("您的姓名、用户名和头像")
                .contains("id=\"consent-approve\"")
                .contains("id=\"consent-deny\"");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");

        Http.Answer approved =
                rp.postForm("/oauth2/authorize", approve(state(page)), Map.of("Cookie", browser.sessionCookie()));
        JsonNode tokens = rp.exchange(rp.code(approved), verifier);
        assertThat(OidcFlow.param(approved.header("Location"), "state")).isEqualTo("st-1");

        // remembered: the next authorization goes straight to the client
        JsonNode again = rp.tokens(browser.sessionCookie(), "openid profile");
        assertThat(again.get("access_token")).isNotNull();
        // and listed for the person
        JsonNode listed = g.http()
                .get(g.base() + "/api/v1/me/consents", Map.of("Authorization", "Bearer " + own))
                .json();
        assertThat(listed.get("consents").toString())
                .contains("\"client_id\":\"team-wiki\"")
                .contains("\"client_name\":\"Team <Wiki>\"")
                .contains("\"scopes\":[\"openid\",\"profile\"]");
        // an application's own access token cannot see or end consents
        assertThat(g.http()
                        .get(
                                g.base() + "/api/v1/me/consents",
                                Map.of(
                                        "Authorization",
                                        "Bearer " + tokens.get("access_token").asString()))
                        .status())
                .isEqualTo(403);

        // prompt=consent shows the page again
        consentPage(rp, browser.sessionCookie(), Gateway.newVerifier(), "&prompt=consent");

        // revoked: the page again, the client's refresh token and access token give nothing
        Http.Answer revoked = g.http()
                .send(HttpRequest.newBuilder(URI.create(g.base() + "/api/v1/me/consents/team-wiki"))
                        .header("Authorization", "Bearer " + own)
                        .DELETE());
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(g.http()
                        .send(HttpRequest.newBuilder(URI.create(g.base() + "/api/v1/me/consents/team-wiki"))
                                .header("Authorization", "Bearer " + own)
                                .DELETE())
                        .status())
                .isEqualTo(404);
        Http.Answer refresh = rp.token("grant_type=refresh_token&refresh_token="
                + Gateway.enc(again.get("refresh_token").asString()));
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(refresh.body()).doesNotContain("access_token");
        assertThat(rp.userInfo(again.get("access_token").asString()).status()).isNotEqualTo(200);
        consentPage(rp, browser.sessionCookie(), Gateway.newVerifier(), "");
    }

    @Test
    void whenPersonDeniesThenAccessDeniedAtTheRedirectUriAndNothingRemembered() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = wiki(g);
        Gateway.BrowserLogin browser = login(g, "lisi");
        Http.Answer page = consentPage(rp, browser.sessionCookie(), Gateway.newVerifier(), "");

        Http.Answer denied = rp.postForm(
                "/oauth2/authorize",
                "client_id=team-wiki&state=" + Gateway.enc(state(page)),
                Map.of("Cookie", browser.sessionCookie()));

        assertThat(denied.status()).isEqualTo(302);
        assertThat(denied.header("Location"))
                .startsWith(rp.redirect + "?error=access_denied")
                .contains("state=st-1")
                .doesNotContain("code=");
        consentPage(rp, browser.sessionCookie(), Gateway.newVerifier(), "");
    }

    @Test
    void whenPromptNoneAndNoConsentThenConsentRequiredAtTheRedirectUri() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = wiki(g);
        Gateway.BrowserLogin browser = login(g, "wangwu");

        Http.Answer a = rp.authorize(browser.sessionCookie(), "openid profile", Gateway.newVerifier(), "&prompt=none");

        assertThat(a.status()).isEqualTo(302);
        assertThat(a.header("Location"))
                .startsWith(rp.redirect + "?error=consent_required")
                .contains("state=st-1");
    }

    @Test
    void whenConsentPostIsNotThePagesOwnThenNothingIsGranted() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = wiki(g);
        Gateway.BrowserLogin browser = login(g, "zhaoliu");
        Gateway.BrowserLogin otherBrowser = login(g, "zhaoliu");
        Gateway.BrowserLogin otherPerson = login(g, "sunqi");
        Http.Answer page = consentPage(rp, browser.sessionCookie(), Gateway.newVerifier(), "");
        String state = state(page);

        // a wrong state, no state
        for (String form : List.of(approve("not-the-state"), "client_id=team-wiki&scope=openid&scope=profile")) {
            Http.Answer a = rp.postForm("/oauth2/authorize", form, Map.of("Cookie", browser.sessionCookie()));
            assertThat(a.status()).as(form).isEqualTo(400);
            assertThat(String.valueOf(a.header("Location"))).doesNotContain("code=");
        }
        // another browser of the same person, another person, a cross-site form, no session at all
        for (Map<String, String> headers : List.of(
                Map.of("Cookie", otherBrowser.sessionCookie()),
                Map.of("Cookie", otherPerson.sessionCookie()),
                Map.of("Cookie", browser.sessionCookie(), "Sec-Fetch-Site", "cross-site"),
                Map.<String, String>of())) {
            Http.Answer a = rp.postForm("/oauth2/authorize", approve(state), headers);
            // the wrong browsers are refused by wegate; without any session the login page comes instead
            assertThat(a.status()).as(headers.toString()).isEqualTo(headers.isEmpty() ? 302 : 403);
            assertThat(String.valueOf(a.header("Location")))
                    .as(headers.toString())
                    .doesNotContain("code=")
                    .doesNotStartWith(rp.redirect);
        }
        // the page shows only an authorization of this browser
        assertThat(rp.get(
                                "/oauth2/consent?client_id=team-wiki&scope=openid&state=" + Gateway.enc(state),
                                otherBrowser.sessionCookie())
                        .status())
                .isEqualTo(400);
        // nothing was remembered: the real page still works, once
        Http.Answer approved =
                rp.postForm("/oauth2/authorize", approve(state), Map.of("Cookie", browser.sessionCookie()));
        rp.code(approved);
        Http.Answer replay =
                rp.postForm("/oauth2/authorize", approve(state), Map.of("Cookie", browser.sessionCookie()));
        assertThat(String.valueOf(replay.header("Location"))).doesNotContain("code=");
    }

    @Test
    void whenPersonRevokesOnTheConsentsPageThenTheConsentIsGoneAndAForgedFormChangesNothing() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow rp = wiki(g);
        Gateway.BrowserLogin browser = login(g, "zhouba");
        Http.Answer page = consentPage(rp, browser.sessionCookie(), Gateway.newVerifier(), "");
        rp.code(rp.postForm("/oauth2/authorize", approve(state(page)), Map.of("Cookie", browser.sessionCookie())));

        Http.Answer list = rp.get("/account/consents", browser.sessionCookie());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Team &lt;Wiki&gt;").contains("team-wiki");
        String token = list.body().replaceAll("(?s).*name=\"token\" value=\"([^\"]+)\".*", "$1");

        for (Map<String, String> headers : List.of(
                Map.of("Cookie", browser.sessionCookie(), "Sec-Fetch-Site", "cross-site"),
                Map.<String, String>of("Cookie", browser.sessionCookie()))) {
            String form = headers.containsKey("Sec-Fetch-Site")
                    ? "client_id=team-wiki&token=" + Gateway.enc(token)
                    : "client_id=team-wiki&token=forged";
            assertThat(rp.postForm("/account/consents/revoke", form, headers).status())
                    .isEqualTo(403);
        }
        rp.tokens(browser.sessionCookie(), "openid profile");

        Http.Answer revoked = rp.postForm(
                "/account/consents/revoke",
                "client_id=team-wiki&token=" + Gateway.enc(token),
                Map.of("Cookie", browser.sessionCookie()));
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(rp.get("/account/consents", browser.sessionCookie()).body()).contains("id=\"no-consents\"");
        consentPage(rp, browser.sessionCookie(), Gateway.newVerifier(), "");
    }
}
