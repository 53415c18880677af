package io.wegate.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7, hole 1: a link ticket is a bearer value an attacker can mint for their own account and
 * lure a victim with. It must attach an identity only to the account of the person logged in in
 * the same browser (or API client) who asked for it, after they confirm; every refusal is audited
 * and changes nothing.
 */
@GatewayTest
// a gateway of its own: the test links identities, which other classes must not see
@TestPropertySource(properties = "wegate.test.context=forced-linking")
class ForcedLinkingTest {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AuditLog audit;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private String ticket(Gateway g, String accessToken) {
        Http.Answer t = g.postApi("/api/v1/me/link-ticket", accessToken, Map.of());
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        return t.json().get("link_ticket").asString();
    }

    private WeChatFixture.App app(WeChatFixture.Kind kind) {
        return sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == kind && a.unionidBound())
                .findFirst()
                .orElseThrow();
    }

    private String websiteCode(Gateway g, String user, String redirectUri) {
        return g.mint(Map.of(
                        "flow",
                        "wechat-open",
                        "appid",
                        app(WeChatFixture.Kind.WEBSITE).appid(),
                        "user",
                        user,
                        "redirect_uri",
                        redirectUri))
                .get("code")
                .asString();
    }

    private String miniCode(Gateway g, String user) {
        return g.mint(Map.of(
                        "flow",
                        "wechat-miniprogram",
                        "appid",
                        app(WeChatFixture.Kind.MINIPROGRAM).appid(),
                        "user",
                        user))
                .get("code")
                .asString();
    }

    private Http.Answer startWithTicket(Gateway g, String ticket, String sessionCookie) {
        String url = g.base() + "/login/wechat-open?return_to=/&link_ticket=" + ticket;
        return sessionCookie == null ? g.http().get(url) : g.http().get(url, Map.of("Cookie", sessionCookie));
    }

    @Test
    void browserStartWhenVictimWithoutSessionOpensAttackersTicketThenRefusedAuditedAndNothingLinked() {
        Gateway g = g();
        JsonNode attacker = g.loginAs("zhangsan");
        String attackerId = attacker.get("account").get("id").asString();
        String ticket = ticket(g, attacker.get("access_token").asString());

        Http.Answer lured = startWithTicket(g, ticket, null);

        assertThat(lured.status()).isEqualTo(403);
        assertThat(lured.header("Content-Type")).startsWith("text/html");
        assertThat(lured.body()).contains("link_ticket_not_yours");
        assertThat(lured.headers("Set-Cookie")).noneMatch(c -> c.contains("WEGATE_LOGIN"));
        assertThat(audit.eventsOf(attackerId))
                .anySatisfy(e -> assertThat(e.event()).isEqualTo("link_refused"));
        // the victim's own login afterwards makes the victim's own account, not the attacker's
        Gateway.BrowserLogin victim =
                g.browserLogin("/login/wechat-open?return_to=/", r -> websiteCode(g, "xiaohong", r));
        String victimAccount = victim.tokens(g).get("account").get("id").asString();
        assertThat(victimAccount).isNotEqualTo(attackerId);
        assertThat(g.me(attacker.get("access_token").asString()).body()).doesNotContain("xiaohong");
    }

    @Test
    void browserStartWhenVictimLoggedInOpensAttackersTicketThenRefused() {
        Gateway g = g();
        JsonNode attacker = g.loginAs("lisi");
        String ticket = ticket(g, attacker.get("access_token").asString());
        Gateway.BrowserLogin victim = g.browserLogin("/login/wechat-open?return_to=/", r -> websiteCode(g, "amy", r));

        Http.Answer lured = startWithTicket(g, ticket, victim.sessionCookie());

        assertThat(lured.status()).isEqualTo(403);
        assertThat(lured.body()).contains("link_ticket_not_yours");
    }

    @Test
    void apiLoginWhenTicketComesWithoutItsLoginsTokenThenRefusedAndTheTicketStillWorksForItsOwner() {
        Gateway g = g();
        JsonNode owner = g.loginAs("wangwu");
        String ownerId = owner.get("account").get("id").asString();
        String ticket = ticket(g, owner.get("access_token").asString());
        JsonNode other = g.loginAs("zhaoliu");

        Http.Answer bare = g.postApi(
                "/api/v1/login/wechat-miniprogram", Map.of("code", miniCode(g, "laowang"), "link_ticket", ticket));
        Http.Answer foreign = g.postApi(
                "/api/v1/login/wechat-miniprogram",
                other.get("access_token").asString(),
                Map.of("code", miniCode(g, "laowang"), "link_ticket", ticket));

        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.json().get("error").asString()).isEqualTo("link_ticket_not_yours");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(audit.eventsOf(ownerId).stream().filter(e -> e.event().equals("link_refused")))
                .hasSize(2);
        assertThat(g.me(owner.get("access_token").asString()).body()).doesNotContain("wechat");
        // refusals spent nothing: the owner can still use the ticket
        Http.Answer own = g.postApi(
                "/api/v1/login/wechat-miniprogram",
                owner.get("access_token").asString(),
                Map.of("code", miniCode(g, "laowang"), "link_ticket", ticket));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("account").get("id").asString()).isEqualTo(ownerId);
    }

    @Test
    void browserLinkWhenHolderConfirmsThenIdentityAttachedAndAudited() {
        Gateway g = g();
        Gateway.BrowserLogin holder =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("sunqi", "snsapi_base", r));
        JsonNode tokens = holder.tokens(g);
        String accountId = tokens.get("account").get("id").asString();
        String ticket = ticket(g, tokens.get("access_token").asString());

        Gateway.BrowserLogin linking = g.browserLogin(
                "/login/wechat-open?return_to=/done&link_ticket=" + ticket,
                holder.sessionCookie(),
                r -> websiteCode(g, "xiaoming", r));

        // nothing attached yet: the person is asked first
        assertThat(linking.callback().status()).as(linking.callback().body()).isEqualTo(200);
        assertThat(linking.callback().body()).contains("id=\"link-confirm\"");
        assertThat(g.me(tokens.get("access_token").asString()).body()).doesNotContain("\"wechat\"");
        Http.Answer confirmed =
                confirm(g, holder.sessionCookie(), formToken(linking.callback().body()), "confirm");

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(303);
        assertThat(confirmed.header("Location")).isEqualTo("/done");
        assertThat(g.me(tokens.get("access_token").asString()).body()).contains("\"wechat\"");
        assertThat(audit.eventsOf(accountId))
                .anySatisfy(e -> assertThat(e.detail()).contains("explicit link"));
        // the form token is single use
        assertThat(confirm(
                                g,
                                holder.sessionCookie(),
                                formToken(linking.callback().body()),
                                "confirm")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void browserLinkWhenHolderCancelsOrFormIsForgedThenNothingAttached() {
        Gateway g = g();
        Gateway.BrowserLogin holder =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhouba", "snsapi_base", r));
        JsonNode tokens = holder.tokens(g);
        String accountId = tokens.get("account").get("id").asString();
        String ticket = ticket(g, tokens.get("access_token").asString());
        Gateway.BrowserLogin linking = g.browserLogin(
                "/login/wechat-open?return_to=/&link_ticket=" + ticket,
                holder.sessionCookie(),
                r -> websiteCode(g, "xiaoming2", r));
        String token = formToken(linking.callback().body());

        Http.Answer forged = confirm(g, holder.sessionCookie(), "A".repeat(43), "confirm");
        Http.Answer otherBrowser = confirm(g, null, token, "confirm");
        Http.Answer cancelled = confirm(g, holder.sessionCookie(), token, "cancel");

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("no_pending_link");
        assertThat(otherBrowser.status()).isEqualTo(400);
        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(g.me(tokens.get("access_token").asString()).body()).doesNotContain("\"wechat\"");
        assertThat(audit.eventsOf(accountId))
                .anySatisfy(e -> assertThat(e.event()).isEqualTo("link_declined"));
    }

    private static String formToken(String page) {
        Matcher m = FORM_TOKEN.matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    private static Http.Answer confirm(Gateway g, String sessionCookie, String token, String decision) {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(g.base() + "/login/link/confirm"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + token + "&decision=" + decision));
        if (sessionCookie != null) {
            b.header("Cookie", sessionCookie);
        }
        return g.http().send(b);
    }
}
