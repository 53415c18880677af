package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

/**
 * Pairwise subjects: a client registered with wegate.subject-type=pairwise sees its own stable sub
 * for a person, the same in ID token, access token and UserInfo, different from every other client's
 * and never the account id; a public client still sees the account id.
 */
@GatewayTest
class OidcPairwiseSubjectTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    private OidcFlow pairwise(Gateway g, String id) {
        return OidcFlow.client(
                g, clients, id, List.of("openid", "profile"), true, Map.of("wegate.subject-type", "pairwise"));
    }

    @Test
    void whenTwoPairwiseClientsLogTheSamePersonInThenSubsDifferPerClientAndAreStableAcrossLogins() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow a = pairwise(g, "pairwise-a");
        OidcFlow b = pairwise(g, "pairwise-b");
        OidcFlow pub = OidcFlow.client(g, clients, "public-c", List.of("openid", "profile"), true, Map.of());
        Gateway.BrowserLogin first =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhouba", "snsapi_base", r));
        String accountId = first.tokens(g).get("account").get("id").asString();

        JsonNode ta = a.tokens(first.sessionCookie(), "openid profile");
        JsonNode tb = b.tokens(first.sessionCookie(), "openid profile");
        String subA = Gateway.claims(ta.get("id_token").asString()).get("sub").asString();
        String subB = Gateway.claims(tb.get("id_token").asString()).get("sub").asString();

        assertThat(subA).isNotEqualTo(subB).isNotEqualTo(accountId);
        assertThat(subB).isNotEqualTo(accountId);
        // the same sub in the access token and UserInfo, and the account id nowhere the client sees
        assertThat(Gateway.claims(ta.get("access_token").asString()).get("sub").asString())
                .isEqualTo(subA);
        assertThat(a.userInfo(ta.get("access_token").asString())
                        .json()
                        .get("sub")
                        .asString())
                .isEqualTo(subA);
        for (String jwt :
                List.of(ta.get("access_token").asString(), ta.get("id_token").asString())) {
            String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
            assertThat(payload).doesNotContain(accountId).doesNotContain("zhouba");
        }
        assertThat(a.userInfo(ta.get("access_token").asString()).body()).doesNotContain(accountId);
        // /api/v1/me would show the account id: a pairwise client's token gets nothing there
        assertThat(g.me(ta.get("access_token").asString()).status()).isEqualTo(401);

        // a later, separate login of the same person: the same pairwise subs
        Gateway.BrowserLogin second = g.browserLogin(
                "/login/wecom-qr?return_to=/",
                r -> g.mint(Map.of(
                                "flow", "wecom-qr", "agentid", Gateway.AGENT_ID, "userid", "zhouba", "redirect_uri", r))
                        .get("code")
                        .asString());
        JsonNode again = a.tokens(second.sessionCookie(), "openid profile");
        assertThat(Gateway.claims(again.get("id_token").asString()).get("sub").asString())
                .isEqualTo(subA);
        // and after a refresh
        JsonNode refreshed = a.token("grant_type=refresh_token&refresh_token="
                        + Gateway.enc(again.get("refresh_token").asString()))
                .json();
        assertThat(Gateway.claims(refreshed.get("access_token").asString())
                        .get("sub")
                        .asString())
                .isEqualTo(subA);
        assertThat(Gateway.claims(refreshed.get("id_token").asString())
                        .get("sub")
                        .asString())
                .isEqualTo(subA);

        // a public client: unchanged, the account id
        JsonNode tp = pub.tokens(second.sessionCookie(), "openid profile");
        assertThat(Gateway.claims(tp.get("id_token").asString()).get("sub").asString())
                .isEqualTo(accountId);
        assertThat(g.me(tp.get("access_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void whenPairwiseClientAsksForProfileThenNoPreferredUsernameToCorrelateBy() {
        Gateway g = new Gateway(port, sandbox);
        OidcFlow a = pairwise(g, "pairwise-a");
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("sunqi", "snsapi_base", r));

        JsonNode t = a.tokens(browser.sessionCookie(), "openid profile");
        JsonNode info = a.userInfo(t.get("access_token").asString()).json();

        assertThat(info.has("name")).isTrue();
        assertThat(info.has("preferred_username")).isFalse();
    }
}
