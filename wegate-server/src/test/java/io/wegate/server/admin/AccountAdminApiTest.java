package io.wegate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.offboarding.Offboarding;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import io.wegate.server.support.OidcClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The admin accounts API over real HTTP, with logins through the sandbox: finding accounts, one account's identities,
 * live logins and their relying parties, disable (logins end, the next login is refused) and enable, logout of every
 * login, unlinking an identity (never the last one), the audit log by account and time, bad input and unknown ids,
 * and the command-line equivalents. Its own gateway: these tests disable and unlink the sandbox's members.
 */
@GatewayTest
@TestPropertySource(properties = "wegate.test.context=admin-accounts")
class AccountAdminApiTest {

    private static final String ACCOUNTS = "/api/v1/admin/accounts";

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    Offboarding offboarding;

    @Autowired
    AccountCommands commands;

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private static String accountId(JsonNode login) {
        return login.get("account").get("id").asString();
    }

    private JsonNode detail(String accountId) {
        Http.Answer a = g().admin("GET", ACCOUNTS + "/" + accountId, null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private JsonNode find(String query) {
        Http.Answer a = g().admin("GET", ACCOUNTS + query, null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("accounts").forEach(a -> ids.add(a.get("id").asString()));
        return ids;
    }

    private String linkWeChat(Gateway g, JsonNode wecomLogin, WeChatFixture.User u) {
        String bearer = wecomLogin.get("access_token").asString();
        String ticket = g.postApi("/api/v1/me/link-ticket", bearer, Map.of())
                .json()
                .get("link_ticket")
                .asString();
        Http.Answer linked = g.postApi(
                "/api/v1/login/wechat-miniprogram", bearer, Map.of("code", miniCode(g, u), "link_ticket", ticket));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(accountId(linked.json())).isEqualTo(accountId(wecomLogin));
        return linked.json().get("refresh_token").asString();
    }

    private String miniCode(Gateway g, WeChatFixture.User u) {
        WeChatFixture.App mini = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == WeChatFixture.Kind.MINIPROGRAM && a.unionidBound())
                .findFirst()
                .orElseThrow();
        return g.mint(Map.of("flow", "wechat-miniprogram", "appid", mini.appid(), "user", u.key()))
                .get("code")
                .asString();
    }

    @Test
    void findWhenSearchedByIdNameSubjectOrNothingThenTheAccountNewestFirstWithItsIdentityCount() {
        Gateway g = g();
        String zhangsan = accountId(g.loginAs("zhangsan"));
        String name = detail(zhangsan).get("display_name").asString();

        for (String q :
                List.of(zhangsan, "zhangsan", name.substring(name.length() / 2).toUpperCase())) {
            JsonNode page = find("?q=" + Gateway.enc(q));
            assertThat(ids(page)).as(q).contains(zhangsan);
            JsonNode found = page.get("accounts").get(ids(page).indexOf(zhangsan));
            assertThat(found.get("display_name").asString()).isEqualTo(name);
            assertThat(found.get("status").asString()).isEqualTo("active");
            assertThat(found.get("identity_count").asInt()).isEqualTo(1);
            assertThat(found.get("created_at").asString()).isNotBlank();
        }
        assertThat(ids(find("?q=nobody-has-this-name"))).isEmpty();
        // LIKE's wildcards are searched for, not used
        assertThat(ids(find("?q=%25"))).isEmpty();
        assertThat(ids(find("?q=_"))).isEmpty();

        g.loginAs("lisi");
        List<String> created = new ArrayList<>();
        find("").get("accounts").forEach(a -> created.add(a.get("created_at").asString()));
        assertThat(created).hasSizeGreaterThanOrEqualTo(2);
        assertThat(created)
                .isSortedAccordingTo(
                        java.util.Comparator.comparing(Instant::parse).reversed());
    }

    @Test
    void findWhenPagedThenEveryAccountOnceAndTheLastPageHasNoCursor() {
        Gateway g = g();
        for (String userid : List.of("zhangsan", "lisi", "wangwu")) {
            g.loginAs(userid);
        }
        List<String> everyone = ids(find("?limit=100"));
        assertThat(everyone).hasSizeGreaterThanOrEqualTo(3);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = find("?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("accounts").size()).isLessThanOrEqualTo(1);
            paged.addAll(ids(page));
            cursor =
                    absent(page, "next_cursor") ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(everyone);
    }

    @Test
    void findWhenLimitOrCursorIsBadThenInvalidRequestInBothLanguages() {
        for (String query :
                List.of("?limit=0", "?limit=101", "?limit=ten", "?cursor=not-a-cursor", "?q=" + "x".repeat(201))) {
            Http.Answer a = g().admin("GET", ACCOUNTS + query, null);
            assertThat(a.status()).as(query + " " + a.body()).isEqualTo(400);
            assertThat(a.json().get("error").asString()).isEqualTo("invalid_request");
            assertThat(a.json().get("message").asString()).isNotBlank();
            assertThat(a.json().get("message_zh").asString()).isNotBlank();
            assertThat(a.body()).doesNotContain("Exception").doesNotContain("at io.wegate");
        }
    }

    @Test
    void detailWhenLoggedInThroughAnOidcClientThenIdentitiesLiveLoginsTheirClientsAndRecentEvents() {
        Gateway g = g();
        OidcClient rp = OidcClient.demo();
        JsonNode tokens = rp.exchange(g, rp.authorize(g, OidcClient.browserSession(g, "sunqi")))
                .json();
        String accountId =
                Gateway.claims(tokens.get("id_token").asString()).get("sub").asString();
        String sid =
                Gateway.claims(tokens.get("id_token").asString()).get("sid").asString();

        JsonNode d = detail(accountId);

        assertThat(d.get("status").asString()).isEqualTo("active");
        assertThat(absent(d, "disabled_reason")).isTrue();
        JsonNode identity = d.get("identities").get(0);
        assertThat(identity.get("provider").asString()).isEqualTo("wecom");
        assertThat(identity.get("subject").asString()).isEqualTo("sunqi");
        assertThat(identity.get("id").asString()).isNotBlank();
        assertThat(identity.get("tenant_id").asString()).isNotBlank();
        assertThat(identity.get("app_id").asString()).isNotBlank();
        assertThat(identity.get("first_login_at").asString()).isNotBlank();
        assertThat(identity.get("last_login_at").asString()).isNotBlank();
        assertThat(identity.get("access_ended").isEmpty()).isTrue();
        JsonNode login = null;
        for (JsonNode l : d.get("live_logins")) {
            if (l.get("id").asString().equals(sid)) {
                login = l;
            }
        }
        assertThat(login).as(d.toString()).isNotNull();
        assertThat(login.get("upstream").asString()).isEqualTo("wecom");
        assertThat(login.get("flow").asString()).isNotBlank();
        assertThat(login.get("authenticated_at").asString()).isNotBlank();
        assertThat(login.get("expires_at").asString()).isNotBlank();
        assertThat(login.get("clients").toString()).contains(OidcClient.DEMO_ID);
        assertThat(d.get("recent_events").toString()).contains("account_created");
        // never a token or a profile
        assertThat(d.toString())
                .doesNotContain(tokens.get("access_token").asString())
                .doesNotContain(tokens.get("refresh_token").asString())
                .doesNotContain("\"profile\"");
    }

    @Test
    void detailWhenTheAccountIsUnknownThenNotFound() {
        for (String[] call : new String[][] {
            {"GET", ACCOUNTS + "/00000000-0000-0000-0000-000000000000"},
            {"POST", ACCOUNTS + "/00000000-0000-0000-0000-000000000000/disable"},
            {"POST", ACCOUNTS + "/00000000-0000-0000-0000-000000000000/enable"},
            {"POST", ACCOUNTS + "/00000000-0000-0000-0000-000000000000/logout"},
            {"DELETE", ACCOUNTS + "/00000000-0000-0000-0000-000000000000/identities/x"}
        }) {
            Http.Answer a = g().admin(call[0], call[1], null);
            assertThat(a.status()).as(call[1] + " " + a.body()).isEqualTo(404);
            assertThat(a.json().get("error").asString()).isEqualTo("unknown_account");
            assertThat(a.json().get("message_zh").asString()).contains("账号不存在");
        }
    }

    @Test
    void disableWhenLoggedInThenRefreshAndNextLoginRefusedAndEnableLetsThemBackIn() {
        Gateway g = g();
        JsonNode login = g.loginAs("lisi");
        String accountId = accountId(login);
        String refresh = login.get("refresh_token").asString();

        Http.Answer disabled =
                g.admin("POST", ACCOUNTS + "/" + accountId + "/disable", Map.of("reason", "laptop stolen"));

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("status").asString()).isEqualTo("disabled");
        assertThat(disabled.json().get("disabled_reason").asString()).isEqualTo("admin");
        assertThat(disabled.json().get("logins_ended").asInt()).isPositive();
        assertThat(g.refresh(refresh).status()).isEqualTo(400);
        assertThat(g.me(login.get("access_token").asString()).status()).isEqualTo(401);
        Http.Answer refused = g.login(g.code("lisi"), g.newState());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("account_disabled");
        assertThat(jdbc.sql("select revoke_reason from account_login where account_id = ?")
                        .param(accountId)
                        .query(String.class)
                        .list())
                .containsOnly("admin_disabled");
        JsonNode d = detail(accountId);
        assertThat(d.get("status").asString()).isEqualTo("disabled");
        assertThat(d.get("live_logins").isEmpty()).isTrue();
        // again: idempotent
        Http.Answer twice = g.admin("POST", ACCOUNTS + "/" + accountId + "/disable", null);
        assertThat(twice.status()).as(twice.body()).isEqualTo(200);
        assertThat(twice.json().get("changed").asBoolean()).isFalse();

        Http.Answer enabled = g.admin("POST", ACCOUNTS + "/" + accountId + "/enable", null);

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("status").asString()).isEqualTo("active");
        assertThat(absent(enabled.json(), "disabled_reason")).isTrue();
        assertThat(g.admin("POST", ACCOUNTS + "/" + accountId + "/enable", null)
                        .json()
                        .get("changed")
                        .asBoolean())
                .isFalse();
        assertThat(accountId(g.loginAs("lisi"))).isEqualTo(accountId);
        assertThat(g.admin("GET", "/api/v1/admin/audit?account=" + accountId, null)
                        .body())
                .contains("admin.account.disabled")
                .contains("via=api by=admin active -> disabled (admin), ")
                .contains(" login(s) ended, reason: laptop stolen")
                .contains("admin.account.enabled");
    }

    @Test
    void enableWhenOffboardingDisabledTheAccountThenActiveAgain() {
        Gateway g = g();
        String accountId = accountId(g.loginAs("wangwu"));
        jdbc.sql("update account set status = 'disabled', disabled_reason = 'offboarded' where id = ?")
                .param(accountId)
                .update();

        Http.Answer enabled = g.admin("POST", ACCOUNTS + "/" + accountId + "/enable", null);

        assertThat(enabled.json().get("changed").asBoolean()).isTrue();
        assertThat(absent(detail(accountId), "disabled_reason")).isTrue();
        assertThat(accountId(g.loginAs("wangwu"))).isEqualTo(accountId);
    }

    @Test
    void disableWhenTheBodyIsBadThenInvalidRequestAndNothingChanges() {
        Gateway g = g();
        JsonNode login = g.loginAs("wangwu");
        String accountId = accountId(login);
        for (Object body : List.of(
                List.of("x"), Map.of("reason", 42), Map.of("reason", "x".repeat(201)), Map.of("reason", "a\u0000b"))) {
            Http.Answer a = g.admin("POST", ACCOUNTS + "/" + accountId + "/disable", body);
            assertThat(a.status()).as(body + " " + a.body()).isEqualTo(400);
            assertThat(a.json().get("error").asString()).isEqualTo("invalid_request");
        }
        assertThat(detail(accountId).get("status").asString()).isEqualTo("active");
        assertThat(g.refresh(login.get("refresh_token").asString()).status()).isEqualTo(200);
    }

    @Test
    void logoutWhenTheAccountHasTwoLoginsThenBothEndAndTheAnswerSaysHowMany() {
        Gateway g = g();
        JsonNode first = g.loginAs("zhaoliu");
        JsonNode second = g.loginAs("zhaoliu");
        String accountId = accountId(first);

        Http.Answer out = g.admin("POST", ACCOUNTS + "/" + accountId + "/logout", null);

        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.json().get("logins_ended").asInt()).isEqualTo(2);
        assertThat(out.json().get("status").asString()).isEqualTo("active");
        assertThat(g.refresh(first.get("refresh_token").asString()).status()).isEqualTo(400);
        assertThat(g.refresh(second.get("refresh_token").asString()).status()).isEqualTo(400);
        assertThat(detail(accountId).get("live_logins").isEmpty()).isTrue();
        assertThat(g.admin("POST", ACCOUNTS + "/" + accountId + "/logout", null)
                        .json()
                        .get("logins_ended")
                        .asInt())
                .isZero();
        // logged out, not disabled: the next login works
        assertThat(accountId(g.loginAs("zhaoliu"))).isEqualTo(accountId);
    }

    @Test
    void unlinkWhenTheAccountHasAWeChatIdentityThenTheWeComOneGoesWithItsLoginsAndAccessRecord() {
        Gateway g = g();
        JsonNode wecom = g.loginAs("zhouba");
        String accountId = accountId(wecom);
        WeChatFixture.User u = sandbox.fixture().wechatUsers().get(0);
        String wechatRefresh = linkWeChat(g, wecom, u);
        JsonNode before = detail(accountId);
        assertThat(before.get("identities").size()).isGreaterThanOrEqualTo(2);
        JsonNode wecomIdentity = null;
        for (JsonNode i : before.get("identities")) {
            if (i.get("provider").asString().equals("wecom")) {
                wecomIdentity = i;
            }
        }
        String identityId = wecomIdentity.get("id").asString();
        // an upstream said something about its access to another app: that record goes with the identity
        offboarding.end(
                IdentityKey.wecom(wecomIdentity.get("tenant_id").asString(), "zhouba"),
                "1000099",
                "test",
                Instant.now(clock),
                Offboarding.Policy.END_LOGINS,
                true);
        assertThat(accessRows(identityId)).isEqualTo(1);

        Http.Answer unlinked = g.admin("DELETE", ACCOUNTS + "/" + accountId + "/identities/" + identityId, null);

        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(unlinked.json().get("logins_ended").asInt()).isEqualTo(1);
        assertThat(accessRows(identityId)).isZero();
        assertThat(g.refresh(wecom.get("refresh_token").asString()).status()).isEqualTo(400);
        assertThat(g.refresh(wechatRefresh).status())
                .as("the WeChat login stays")
                .isEqualTo(200);
        JsonNode after = detail(accountId);
        assertThat(after.get("identities").size())
                .isEqualTo(before.get("identities").size() - 1);
        assertThat(after.get("identities").toString()).doesNotContain("zhouba");
        assertThat(after.get("recent_events").toString()).contains("admin.identity.unlinked");
        // the WeCom member is a stranger now: their next login makes a new account
        assertThat(accountId(g.loginAs("zhouba"))).isNotEqualTo(accountId);
        // and the identity is gone: unlinking it again is 404
        Http.Answer again = g.admin("DELETE", ACCOUNTS + "/" + accountId + "/identities/" + identityId, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").asString()).isEqualTo("unknown_identity");
    }

    @Test
    void unlinkWhenItIsTheLastIdentityThenConflictAndNothingChanges() {
        Gateway g = g();
        JsonNode login = g.loginAs("sunqi");
        String accountId = accountId(login);
        String identityId = detail(accountId).get("identities").get(0).get("id").asString();
        long events = auditEvents(accountId);

        Http.Answer refused = g.admin("DELETE", ACCOUNTS + "/" + accountId + "/identities/" + identityId, null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("error").asString()).isEqualTo("last_identity");
        assertThat(refused.json().get("message").asString()).contains("only identity");
        assertThat(refused.json().get("message_zh").asString()).contains("唯一的身份");
        assertThat(detail(accountId).get("identities").size()).isEqualTo(1);
        assertThat(g.refresh(login.get("refresh_token").asString()).status()).isEqualTo(200);
        assertThat(auditEvents(accountId)).isEqualTo(events);
    }

    @Test
    void auditWhenAskedByAccountAndTimeThenOnlyThatAccountsEventsInTheWindow() {
        Gateway g = g();
        String accountId = accountId(g.loginAs("zhangsan"));
        String other = accountId(g.loginAs("zhaoliu"));
        clock.advance(Duration.ofMinutes(5));
        Instant between = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        g.admin("POST", ACCOUNTS + "/" + accountId + "/logout", null);
        g.admin("POST", ACCOUNTS + "/" + other + "/logout", null);

        JsonNode all =
                g.admin("GET", "/api/v1/admin/audit?account=" + accountId, null).json();
        JsonNode before = g.admin("GET", "/api/v1/admin/audit?account=" + accountId + "&until=" + between, null)
                .json();
        JsonNode after = g.admin("GET", "/api/v1/admin/audit?account=" + accountId + "&since=" + between, null)
                .json();

        assertThat(all.get("events").toString()).contains("admin.account.logged_out");
        all.get("events")
                .forEach(e -> assertThat(e.get("account_id").asString()).isEqualTo(accountId));
        assertThat(after.get("events").size()).isEqualTo(1);
        assertThat(after.get("events").get(0).get("event").asString()).isEqualTo("admin.account.logged_out");
        assertThat(before.get("events").size()).isEqualTo(all.get("events").size() - 1);
        assertThat(before.get("events").toString()).doesNotContain("admin.account.logged_out");
        for (String query : List.of("until=soon", "since=" + between + "&until=" + between)) {
            assertThat(g.admin("GET", "/api/v1/admin/audit?" + query, null).status())
                    .as(query)
                    .isEqualTo(400);
        }
    }

    @Test
    void commandsWhenRunThenTheSameAsTheApiAuditedAsCli() {
        Gateway g = g();
        JsonNode login = g.loginAs("wangwu");
        String accountId = accountId(login);

        Run found = run("--find-accounts=wangwu");
        assertThat(found.exit()).as(found.err()).isZero();
        assertThat(found.json().get("accounts").toString()).contains(accountId);

        Run disabled = run("--disable-account=" + accountId, "--reason=offboarding ticket 42");
        assertThat(disabled.exit()).as(disabled.err()).isZero();
        assertThat(disabled.json().get("status").asString()).isEqualTo("disabled");
        assertThat(g.refresh(login.get("refresh_token").asString()).status()).isEqualTo(400);
        assertThat(g.login(g.code("wangwu"), g.newState()).status()).isEqualTo(403);

        Run enabled = run("--enable-account=" + accountId);
        assertThat(enabled.exit()).as(enabled.err()).isZero();
        assertThat(enabled.json().get("status").asString()).isEqualTo("active");
        g.loginAs("wangwu");

        Run out = run("--logout-account=" + accountId);
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(out.json().get("logins_ended").asInt()).isEqualTo(1);

        String identityId = detail(accountId).get("identities").get(0).get("id").asString();
        Run last = run("--unlink-identity=" + accountId + "/" + identityId);
        assertThat(last.exit()).isEqualTo(1);
        assertThat(last.out()).isEmpty();
        assertThat(Http.JSON.readTree(last.err()).get("error").asString()).isEqualTo("last_identity");

        assertThat(g.admin("GET", "/api/v1/admin/audit?account=" + accountId, null)
                        .body())
                .contains("via=cli by=admin active -> disabled (admin)")
                .contains("reason: offboarding ticket 42")
                .contains("admin.account.enabled")
                .contains("admin.account.logged_out");
    }

    @Test
    void commandsWhenTheAccountIsUnknownOrTheLineIsWrongThenNonZeroWithAClearMessage() {
        Run unknown = run("--disable-account=00000000-0000-0000-0000-000000000000");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(Http.JSON.readTree(unknown.err()).get("error").asString()).isEqualTo("unknown_account");
        assertThat(Http.JSON.readTree(unknown.err()).get("message").asString()).contains("No such account");

        for (String[] line : new String[][] {
            {"--enable-account"}, {"--unlink-identity=no-slash"}, {"--logout-account=a", "--enable-account=b"}
        }) {
            Run r = run(line);
            assertThat(r.exit()).as(String.join(" ", line)).isEqualTo(2);
            assertThat(r.err()).isNotBlank();
            assertThat(r.out()).isEmpty();
        }
    }

    private static boolean absent(JsonNode parent, String field) {
        return parent.path(field).isMissingNode() || parent.path(field).isNull();
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() {
            return Http.JSON.readTree(out);
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = commands.execute(
                new DefaultApplicationArguments(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long accessRows(String identityId) {
        return jdbc.sql("select count(*) from identity_access where identity_id = ?")
                .param(identityId)
                .query(Long.class)
                .single();
    }

    private long auditEvents(String accountId) {
        return jdbc.sql("select count(*) from audit_event where account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
    }
}
