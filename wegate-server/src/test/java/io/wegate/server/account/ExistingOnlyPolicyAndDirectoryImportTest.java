package io.wegate.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.directory.WeComDirectoryImport;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.upstream.LoginApps;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** link-policy existing-only: only provisioned people get in; the directory import provisions them. */
@GatewayTest
@TestPropertySource(properties = "wegate.wecom.link-policy=existing-only")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingOnlyPolicyAndDirectoryImportTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    AccountStore accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    WeComDirectoryImport directory;

    @Autowired
    LoginApps apps;

    @Test
    @Order(1)
    void loginWhenMemberNotProvisionedThenRefusedAuditedAndNoAccount() {
        Gateway g = new Gateway(port, sandbox);
        long before = accounts.countAccounts();

        Http.Answer a = g.login(g.code("zhangsan"), g.newState());

        assertThat(a.status()).as(a.body()).isEqualTo(403);
        assertThat(a.json().get("error").asString()).isEqualTo("account_not_provisioned");
        assertThat(a.json().get("message_zh").asString()).contains("联系管理员");
        assertThat(accounts.countAccounts()).isEqualTo(before);
        assertThat(audit.events("login_refused"))
                .anySatisfy(e -> assertThat(e.subject()).isEqualTo("zhangsan"));
    }

    @Test
    @Order(2)
    void importWhenNewAppThenEveryVisibleMemberProvisionedAndTheRestrictionExplained() {
        WeComDirectoryImport.Report r = directory.run(apps.wecom("default"));

        long visibleActive = sandbox.fixture().members().size();
        assertThat(r.members()).isEqualTo((int) visibleActive);
        assertThat(r.departments()).isEqualTo(sandbox.fixture().departments().size());
        assertThat(r.accountsCreated()).isEqualTo(r.members());
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("2022-06-20"));
        // a second run changes nothing
        assertThat(directory.run(apps.wecom("default")).accountsCreated()).isZero();
    }

    @Test
    @Order(3)
    void loginWhenProvisionedByImportThenLetInWithDepartmentsOnTheAccount() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer a = g.login(g.code("zhangsan"), g.newState());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode me = g.me(a.json().get("access_token").asString()).json();
        assertThat(me.get("display_name").asString()).isEqualTo("张三");
        assertThat(me.get("departments").toString()).contains("研发部");
    }

    @Test
    @Order(4)
    void importWhenOldAppWithNarrowVisibleRangeThenMobilesAndOnlyVisibleDepartments() {
        WeComDirectoryImport.Report r = directory.run(apps.wecom("1000003"));
        assertThat(r.notes()).noneSatisfy(n -> assertThat(n).contains("2022-06-20"));
        assertThat(r.members())
                .isPositive()
                .isLessThan(sandbox.fixture().members().size());
    }
}
