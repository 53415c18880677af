package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;

/**
 * The claims of each scope, in ID tokens and UserInfo (GET and POST), for a WeCom member who
 * consented to snsapi_privateinfo (verified email and mobile), one who did not (nothing verified),
 * and a WeChat user; scopes outside a client's registration are invalid_scope.
 */
@GatewayTest
class OidcClaimsTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    RegisteredClientRepository clients;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private OidcFlow allScopes(Gateway g) {
        return OidcFlow.client(
                g,
                clients,
                "claims-all",
                List.of("openid", "profile", "email", "phone", "wecom", "wechat"),
                true,
                Map.of());
    }

    private OidcFlow profileOnly(Gateway g) {
        return OidcFlow.client(g, clients, "claims-profile", List.of("openid", "profile"), true, Map.of());
    }

    @Test
    void whenWeComMemberConsentedToPrivateInfoThenProfileEmailPhoneAndWeComClaimsWithVerifiedContacts() {
        Gateway g = g();
        OidcFlow rp = allScopes(g);
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("lisi", "snsapi_privateinfo", r));
        SandboxFixture.Member lisi = sandbox.fixture().member("lisi").orElseThrow();

        JsonNode tokens = rp.tokens(browser.sessionCookie(), "openid profile email phone wecom");
        JsonNode id = Gateway.claims(tokens.get("id_token").asString());

        assertThat(id.get("name").asString()).isEqualTo("李四");
        assertThat(id.get("preferred_username").asString()).isEqualTo("lisi");
        assertThat(id.get("email").asString()).isEqualTo(lisi.email());
        assertThat(id.get("email_verified").asBoolean()).isTrue();
        // phone and the wecom object come from UserInfo only
        assertThat(id.has("phone_number")).isFalse();
        assertThat(id.has("wecom")).isFalse();

        for (Http.Answer info : List.of(
                rp.userInfo(tokens.get("access_token").asString()),
                rp.userInfoPost(tokens.get("access_token").asString()))) {
            assertThat(info.status()).as(info.body()).isEqualTo(200);
            JsonNode u = info.json();
            assertThat(u.get("sub").asString()).isEqualTo(id.get("sub").asString());
            assertThat(u.get("name").asString()).isEqualTo("李四");
            assertThat(u.get("email_verified").asBoolean()).isTrue();
            assertThat(u.get("phone_number").asString()).isEqualTo("+86" + lisi.mobile());
            assertThat(u.get("phone_number_verified").asBoolean()).isTrue();
            JsonNode wecom = u.get("wecom");
            assertThat(wecom.get("corpid").asString())
                    .isEqualTo(sandbox.fixture().corpId());
            assertThat(wecom.get("userid").asString()).isEqualTo("lisi");
            assertThat(wecom.get("departments").isArray()).isTrue();
            assertThat(wecom.get("departments").size())
                    .isEqualTo(lisi.department().size());
            assertThat(wecom.get("departments").get(0).get("id").asLong())
                    .isEqualTo(lisi.department().get(0).longValue());
            // WeChat scope granted but the account has no WeChat identity: no claim
            assertThat(u.has("wechat")).isFalse();
        }
    }

    @Test
    void whenWeComMemberLoggedInWithBaseScopeThenNothingIsClaimedVerified() {
        Gateway g = g();
        OidcFlow rp = allScopes(g);
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("wangwu", "snsapi_base", r));
        JsonNode account = browser.tokens(g).get("account");

        JsonNode tokens = rp.tokens(browser.sessionCookie(), "openid profile email phone");
        JsonNode u = rp.userInfo(tokens.get("access_token").asString()).json();

        assertThat(u.get("name").asString())
                .isEqualTo(account.get("display_name").asString());
        // without getuserdetail no address or number is verified: the claim is absent or false
        assertThat(u.path("email_verified").asBoolean(false)).isFalse();
        assertThat(u.path("phone_number_verified").asBoolean(false)).isFalse();
        assertThat(u.has("email")).isEqualTo(account.has("email"));
        assertThat(u.has("phone_number")).isEqualTo(account.has("mobile"));
        // not granted: no wecom object
        assertThat(u.has("wecom")).isFalse();
    }

    @Test
    void whenWeChatUserLogsInThenProfileAndWeChatClaimsWithUnionidAndTheAppsOpenid() {
        Gateway g = g();
        OidcFlow rp = allScopes(g);
        WeChatFixture.User u = sandbox.fixture().wechatUsers().stream()
                .filter(x -> !x.blocked() && x.unionid() != null)
                .findFirst()
                .orElseThrow();
        WeChatFixture.App website = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == WeChatFixture.Kind.WEBSITE && a.unionidBound())
                .findFirst()
                .orElseThrow();
        Gateway.BrowserLogin browser = g.browserLogin(
                "/login/wechat-open?return_to=/",
                r -> g.mint(Map.of("flow", "wechat-open", "appid", website.appid(), "user", u.key(), "redirect_uri", r))
                        .get("code")
                        .asString());
        JsonNode me = g.me(browser.tokens(g).get("access_token").asString()).json();
        String openid = null;
        for (JsonNode i : me.get("identities")) {
            if (i.get("tenant_id").asString().equals(website.appid())) {
                openid = i.get("subject").asString();
            }
        }

        JsonNode tokens = rp.tokens(browser.sessionCookie(), "openid profile wechat");
        JsonNode id = Gateway.claims(tokens.get("id_token").asString());
        JsonNode info = rp.userInfo(tokens.get("access_token").asString()).json();

        assertThat(id.get("name").asString()).isEqualTo(u.nickname());
        assertThat(id.get("preferred_username").asString()).isEqualTo(u.nickname());
        assertThat(id.get("picture").asString()).isEqualTo(u.headimgurl());
        assertThat(info.get("wechat").get("unionid").asString()).isEqualTo(u.unionid());
        assertThat(info.get("wechat").get("openid").asString()).isNotNull().isEqualTo(openid);
        assertThat(info.get("wechat").get("appid").asString()).isEqualTo(website.appid());
        assertThat(info.has("wecom")).isFalse();
    }

    @Test
    void whenWeChatGaveThePhoneNumberThenItIsVerifiedAndAWebLoginOfTheSamePersonReleasesIt() {
        Gateway g = g();
        OidcFlow rp = allScopes(g);
        WeChatFixture.User u = sandbox.fixture().wechatUsers().stream()
                .filter(x -> !x.blocked() && x.unionid() != null && x.phone() != null)
                .reduce((x, y) -> y)
                .orElseThrow();
        WeChatFixture.App mini = app(WeChatFixture.Kind.MINIPROGRAM);
        WeChatFixture.App website = app(WeChatFixture.Kind.WEBSITE);
        String phoneCode = g.mint(Map.of("flow", "wechat-phone", "appid", mini.appid(), "user", u.key()))
                .get("code")
                .asString();
        String jsCode = g.mint(Map.of("flow", "wechat-miniprogram", "appid", mini.appid(), "user", u.key()))
                .get("code")
                .asString();
        Http.Answer miniLogin =
                g.postApi("/api/v1/login/wechat-miniprogram", Map.of("code", jsCode, "phone_code", phoneCode));
        assertThat(miniLogin.status()).as(miniLogin.body()).isEqualTo(200);

        Gateway.BrowserLogin browser = g.browserLogin(
                "/login/wechat-open?return_to=/",
                r -> g.mint(Map.of("flow", "wechat-open", "appid", website.appid(), "user", u.key(), "redirect_uri", r))
                        .get("code")
                        .asString());
        JsonNode tokens = rp.tokens(browser.sessionCookie(), "openid phone");
        JsonNode info = rp.userInfo(tokens.get("access_token").asString()).json();

        assertThat(info.get("phone_number").asString()).isEqualTo("+" + u.countryCode() + u.phone());
        assertThat(info.get("phone_number_verified").asBoolean()).isTrue();
        // phone is UserInfo only; no profile claims without the profile scope
        assertThat(Gateway.claims(tokens.get("id_token").asString()).has("phone_number"))
                .isFalse();
        assertThat(info.has("name")).isFalse();
    }

    private WeChatFixture.App app(WeChatFixture.Kind kind) {
        return sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == kind && a.unionidBound())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void whenScopeIsUnknownOrNotInTheRegistrationThenInvalidScopeAtTheRedirectUriAndNoCode() {
        Gateway g = g();
        OidcFlow rp = profileOnly(g);
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhaoliu", "snsapi_base", r));

        for (String scope : List.of("openid profile pets", "openid wechat", "openid wecom", "openid email")) {
            Http.Answer a = rp.authorize(browser.sessionCookie(), scope, Gateway.newVerifier(), "");
            assertThat(a.status()).as(scope).isEqualTo(302);
            assertThat(a.header("Location")).as(scope).startsWith(rp.redirect + "?error=invalid_scope");
            assertThat(a.header("Location")).doesNotContain("code=");
        }
    }

    @Test
    void whenDiscoveryIsReadThenItListsTheScopesClaimsAndBothSubjectTypes() {
        Gateway g = g();
        JsonNode d =
                g.http().get(g.base() + "/.well-known/openid-configuration").json();

        assertThat(d.get("scopes_supported").toString())
                .isEqualTo("[\"openid\",\"profile\",\"email\",\"phone\",\"wecom\",\"wechat\"]");
        assertThat(d.get("subject_types_supported").toString()).isEqualTo("[\"public\",\"pairwise\"]");
        assertThat(d.get("claims_supported").toString())
                .contains(
                        "\"email_verified\"", "\"phone_number_verified\"", "\"wecom\"", "\"wechat\"", "\"auth_time\"");
    }
}
