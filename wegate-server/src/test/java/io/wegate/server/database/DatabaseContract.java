package io.wegate.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AuditLog;
import io.wegate.server.directory.WeComDirectoryImport;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.upstream.LoginApps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What every supported database must do the same way: the Flyway migrations, accounts and their
 * unique identities under concurrent first logins, refresh-token rotation with reuse detection,
 * link tickets, audit, and the directory import. Each subclass runs it on one database.
 */
abstract class DatabaseContract {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    org.flywaydb.core.Flyway flyway;

    @Autowired
    WeComDirectoryImport directory;

    @Autowired
    LoginApps apps;

    @Autowired
    javax.sql.DataSource dataSource;

    Gateway gateway() {
        return new Gateway(port, sandbox);
    }

    @Test
    void migrationsWhenStartedThenEveryVersionApplied() {
        List<String> versions = java.util.Arrays.stream(flyway.info().applied())
                .filter(m -> m.getState().isApplied() && !m.getState().isFailed())
                .map(m -> m.getVersion().getVersion())
                .toList();
        // every migration shipped (V<n>__*.sql), in order: the branches of issue 8 each add one
        List<String> shipped;
        try {
            shipped = java.util.Arrays.stream(
                            new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                                    .getResources("classpath:db/migration/V*__*.sql"))
                    .map(r -> r.getFilename().replaceAll("^V([0-9.]+)__.*", "$1"))
                    .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(shipped).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(versions).containsExactlyElementsOf(shipped);
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Autowired
    org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService consents;

    @Autowired
    org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository clients;

    @Test
    void consentWhenSavedChangedAndRemovedThenReadBackTheSameOnEveryDatabase() {
        var client = clients.findByClientId("wegate-demo");
        String account = java.util.UUID.randomUUID().toString();
        var consent = org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent.withId(
                        client.getId(), account)
                .scope("openid")
                .scope("profile")
                .build();

        consents.save(consent);
        assertThat(consents.findById(client.getId(), account).getScopes())
                .containsExactlyInAnyOrder("openid", "profile");
        consents.save(org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent.from(consent)
                .scope("email")
                .build());
        assertThat(consents.findById(client.getId(), account).getScopes())
                .containsExactlyInAnyOrder("openid", "profile", "email");
        consents.remove(consents.findById(client.getId(), account));
        assertThat(consents.findById(client.getId(), account)).isNull();
    }

    @Test
    void loginWhenSameMemberTwiceAtOnceForTheFirstTimeThenOneAccount() throws Exception {
        Gateway g = gateway();
        for (String userid : List.of("zhouba", "lisi", "wangwu")) {
            String c1 = g.code(userid);
            String c2 = g.code(userid);
            String s1 = g.newState();
            String s2 = g.newState();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Http.Answer>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                answers.add(pool.submit(() -> {
                    together.await();
                    return g.login(c1, s1);
                }));
                answers.add(pool.submit(() -> {
                    together.await();
                    return g.login(c2, s2);
                }));
                JsonNode a = answers.get(0).get().json();
                JsonNode b = answers.get(1).get().json();
                assertThat(a.get("account").get("id").asString())
                        .as(a + " / " + b)
                        .isEqualTo(b.get("account").get("id").asString());
            }
        }
    }

    @Test
    void refreshWhenRotatedThenOldTokenReuseRevokesTheFamily() {
        Gateway g = gateway();
        String r1 = g.loginAs("zhangsan").get("refresh_token").asString();
        String r2 = g.refresh(r1).json().get("refresh_token").asString();
        assertThat(g.refresh(r1).json().get("error").asString()).isEqualTo("refresh_token_reused");
        assertThat(g.refresh(r2).json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void oidcRefreshWhenRotatedThenNewTokensWorkReuseEndsTheLoginAndNoTokenValueIsStored() {
        Gateway g = gateway();
        io.wegate.server.support.OidcClient rp = io.wegate.server.support.OidcClient.demo();
        io.wegate.server.support.OidcClient.Code code =
                rp.authorize(g, io.wegate.server.support.OidcClient.browserSession(g, "lisi"));
        JsonNode first = rp.exchange(g, code).json();
        String r1 = first.get("refresh_token").asString();
        Http.Answer rotated = rp.refresh(g, r1);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        JsonNode second = rotated.json();
        assertThat(rp.introspect(g, second.get("access_token").asString())
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();

        List<String> secrets = new ArrayList<>(List.of(code.code()));
        for (JsonNode t : List.of(first, second)) {
            secrets.add(t.get("access_token").asString());
            secrets.add(t.get("refresh_token").asString());
            secrets.add(t.get("id_token").asString());
        }
        io.wegate.server.support.StoredValues.assertNoneStored(dataSource, secrets);

        assertThat(rp.refresh(g, r1).json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(rp.refresh(g, second.get("refresh_token").asString())
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_grant");
        assertThat(rp.introspect(g, second.get("access_token").asString())
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void directoryImportWhenRunThenAccountsDepartmentsAndAuditStored() {
        WeComDirectoryImport.Report r = directory.run(apps.wecom("default"));
        assertThat(r.members()).isPositive();
        JsonNode me = gateway()
                .me(gateway().loginAs("sunqi").get("access_token").asString())
                .json();
        assertThat(me.get("departments").toString()).contains("研发部").contains("产品部");
        assertThat(audit.eventsOf(me.get("id").asString())).isNotEmpty();
    }

    @Autowired
    io.wegate.server.offboarding.Offboarding offboarding;

    @Autowired
    io.wegate.server.offboarding.Reconciliation reconciliation;

    @Test
    void offboardingWhenAccessEndsAndComesBackThenLoginsEndLoginsAreRefusedAndOldNewsChangesNothing() {
        JsonNode login = gateway().loginAs("wangwu");
        io.wegate.server.account.IdentityKey key =
                io.wegate.server.account.IdentityKey.wecom(sandbox.fixture().corpId(), "wangwu");
        java.time.Instant t = java.time.Instant.now();
        var ended = offboarding.end(
                key, "*", "delete_user", t, io.wegate.server.offboarding.Offboarding.Policy.DISABLE_ACCOUNT, true);
        assertThat(ended.result()).isEqualTo(io.wegate.server.offboarding.Offboarding.Result.ENDED);
        assertThat(ended.endedLogins()).isNotEmpty();
        assertThat(ended.accountDisabled()).isTrue();
        assertThat(gateway().refresh(login.get("refresh_token").asString()).status())
                .isEqualTo(400);
        Http.Answer refused =
                gateway().login(gateway().code("wangwu"), gateway().newState());
        assertThat(refused.status()).isEqualTo(403);
        // an older report arriving late changes nothing; a newer one brings the access back
        assertThat(offboarding.restore(key, "*", "enabled", t.minusSeconds(60)).result())
                .isEqualTo(io.wegate.server.offboarding.Offboarding.Result.STALE);
        assertThat(offboarding.restore(key, "*", "enabled", t.plusSeconds(1)).result())
                .isEqualTo(io.wegate.server.offboarding.Offboarding.Result.RESTORED);
        assertThat(accounts.findAccount(ended.accountId()).orElseThrow().status())
                .isEqualTo("active");
        gateway().loginAs("wangwu");
        // the reconciliation's lease (one conditional update): the pass runs once, then is not due for the interval
        assertThat(reconciliation.runIfDue())
                .hasSize(apps.wecom().size())
                .allMatch(io.wegate.server.offboarding.Reconciliation.Report::complete);
        assertThat(reconciliation.runIfDue()).isEmpty();
    }

    @Autowired
    io.wegate.server.account.AccountSearch search;

    @Autowired
    io.wegate.server.admin.AccountAdministration administration;

    @Test
    void adminAccountsWhenFoundPagedDisabledAndUnlinkedThenTheSameOnEveryDatabase() {
        JsonNode login = gateway().loginAs("zhaoliu");
        String accountId = login.get("account").get("id").asString();
        String name = accounts.findAccount(accountId).orElseThrow().displayName();
        java.time.Instant now = java.time.Instant.now();
        accounts.insertIdentity(new io.wegate.server.account.ExternalIdentity(
                java.util.UUID.randomUUID().toString(),
                accountId,
                "wechat",
                "unionid",
                "union-zhaoliu-" + java.util.UUID.randomUUID(),
                "mp",
                "{}",
                now,
                now,
                null));

        for (String q : List.of(accountId, "zhaoliu", name.toUpperCase(java.util.Locale.ROOT))) {
            assertThat(search.find(q, 10, null).accounts()).as(q).anySatisfy(f -> {
                assertThat(f.id()).isEqualTo(accountId);
                assertThat(f.identities()).isEqualTo(2);
            });
        }
        assertThat(search.find("%", 10, null).accounts()).isEmpty();
        gateway().loginAs("lisi");
        List<String> everyone = search.find(null, 100, null).accounts().stream()
                .map(io.wegate.server.account.AccountSearch.Found::id)
                .toList();
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = search.find(null, 1, cursor);
            page.accounts().forEach(f -> paged.add(f.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(everyone);

        var disabled = administration.disable(accountId, "contract", "cli");
        assertThat(disabled.changed()).isTrue();
        assertThat(disabled.endedLogins()).isNotEmpty();
        assertThat(administration.disable(accountId, null, "cli").changed()).isFalse();
        assertThat(accounts.findAccount(accountId).orElseThrow().disabledReason())
                .isEqualTo("admin");
        assertThat(administration.enable(accountId, "cli").changed()).isTrue();
        String wecomIdentity = accounts.identitiesOf(accountId).stream()
                .filter(i -> i.provider().equals("wecom"))
                .findFirst()
                .orElseThrow()
                .id();
        administration.unlink(accountId, wecomIdentity, "cli");
        assertThat(accounts.identitiesOf(accountId)).hasSize(1);
        assertThat(audit.recent(accountId, 0, Long.MAX_VALUE, 10))
                .extracting(AuditLog.Event::event)
                .contains("admin.account.disabled", "admin.account.enabled", "admin.identity.unlinked");
    }

    @Test
    void linkTicketWhenUsedThenSingleUse() {
        Gateway g = gateway();
        JsonNode login = g.loginAs("zhaoliu");
        String ticket = g.postApi(
                        "/api/v1/me/link-ticket", login.get("access_token").asString(), Map.of())
                .json()
                .get("link_ticket")
                .asString();
        String code = g.mint(Map.of("flow", "wecom-miniprogram", "agentid", "1000002", "userid", "zhaoliu"))
                .get("code")
                .asString();
        String bearer = login.get("access_token").asString();
        Http.Answer used =
                g.postApi("/api/v1/login/wecom-miniprogram", bearer, Map.of("code", code, "link_ticket", ticket));
        assertThat(used.status()).as(used.body()).isEqualTo(200);
        String again = g.mint(Map.of("flow", "wecom-miniprogram", "agentid", "1000002", "userid", "zhaoliu"))
                .get("code")
                .asString();
        assertThat(g.postApi("/api/v1/login/wecom-miniprogram", bearer, Map.of("code", again, "link_ticket", ticket))
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("invalid_link_ticket");
    }
}
