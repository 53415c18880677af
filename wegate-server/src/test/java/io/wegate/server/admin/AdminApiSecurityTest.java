package io.wegate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The admin API takes the admin token and nothing else; without one configured it does not exist. */
class AdminApiSecurityTest {

    static String[][] accountCalls(String account) {
        String base = "/api/v1/admin/accounts";
        return new String[][] {
            {"GET", base + "?q=zhangsan"},
            {"GET", base + "/" + account},
            {"POST", base + "/" + account + "/disable"},
            {"POST", base + "/" + account + "/enable"},
            {"POST", base + "/" + account + "/logout"},
            {"DELETE", base + "/" + account + "/identities/x"},
            {"GET", "/api/v1/admin/audit?account=" + account}
        };
    }

    @Nested
    @GatewayTest
    class WithAToken {

        @LocalServerPort
        int port;

        @Autowired
        Sandbox sandbox;

        @Test
        void whenTheAdminTokenIsSentThenTheAuditLogAnswers() {
            Gateway g = new Gateway(port, sandbox);
            g.loginAs("zhangsan");
            Http.Answer a = g.admin("GET", "/api/v1/admin/audit?limit=5", null);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().get("events").isArray()).isTrue();
        }

        @Test
        void whenNoWrongOrAUserTokenIsSentThenUnauthorizedAndNothingLeaks() {
            Gateway g = new Gateway(port, sandbox);
            String user = g.loginAs("zhangsan").get("access_token").asString();
            for (Map<String, String> headers : new Map[] {
                Map.of(),
                Map.of("Authorization", "Bearer wrong"),
                Map.of("Authorization", "Bearer " + Gateway.ADMIN_TOKEN + "x"),
                Map.of("Authorization", "Bearer " + user),
                Map.of("Authorization", Gateway.basic("operator", Gateway.OPERATOR_PASSWORD))
            }) {
                Http.Answer a = g.http().get(g.base() + "/api/v1/admin/audit", headers);
                assertThat(a.status()).as(headers.toString()).isEqualTo(401);
                assertThat(a.json().get("error").asString()).isEqualTo("unauthorized");
                assertThat(a.body()).doesNotContain("audit_event").doesNotContain(Gateway.ADMIN_TOKEN);
            }
        }

        @Test
        void whenTheAccountsApiIsCalledWithoutOrWithAWrongTokenThenUnauthorizedAndNothingChanges() {
            Gateway g = new Gateway(port, sandbox);
            JsonNode login = g.loginAs("zhangsan");
            String account = login.get("account").get("id").asString();
            for (String header : new String[] {
                null, "Bearer wrong", "Bearer " + login.get("access_token").asString()
            }) {
                for (String[] call : accountCalls(account)) {
                    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create(g.base() + call[1]))
                            .method(call[0], java.net.http.HttpRequest.BodyPublishers.noBody());
                    if (header != null) {
                        b.header("Authorization", header);
                    }
                    Http.Answer a = g.http().send(b);
                    assertThat(a.status())
                            .as(call[0] + " " + call[1] + " " + header)
                            .isEqualTo(401);
                    assertThat(a.json().get("error").asString()).isEqualTo("unauthorized");
                }
            }
            assertThat(g.refresh(login.get("refresh_token").asString()).status())
                    .isEqualTo(200);
        }

        @Test
        void whenTheSinceOrLimitIsMalformedThenInvalidRequest() {
            Gateway g = new Gateway(port, sandbox);
            assertThat(g.admin("GET", "/api/v1/admin/audit?since=yesterday", null)
                            .status())
                    .isEqualTo(400);
            assertThat(g.admin("GET", "/api/v1/admin/audit?limit=0", null).status())
                    .isEqualTo(400);
        }
    }

    @Nested
    @GatewayTest
    @TestPropertySource(properties = "wegate.admin.token=")
    class WithoutAToken {

        @LocalServerPort
        int port;

        @Autowired
        Sandbox sandbox;

        @Test
        void whenNoAdminTokenIsConfiguredThenTheAdminApiIsNotThere() {
            Gateway g = new Gateway(port, sandbox);
            Http.Answer a = g.http().get(g.base() + "/api/v1/admin/audit", Map.of("Authorization", "Bearer "));
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.json().get("error").asString()).isEqualTo("not_found");
        }

        @Test
        void whenNoAdminTokenIsConfiguredThenTheAccountsApiIsNotThereEither() {
            Gateway g = new Gateway(port, sandbox);
            String account = g.loginAs("zhangsan").get("account").get("id").asString();
            for (String[] call : accountCalls(account)) {
                Http.Answer a = g.admin(call[0], call[1], null);
                assertThat(a.status()).as(call[0] + " " + call[1]).isEqualTo(404);
                assertThat(a.json().get("error").asString()).isEqualTo("not_found");
            }
            assertThat(g.loginAs("zhangsan").get("account").get("id").asString())
                    .isEqualTo(account);
        }
    }
}
