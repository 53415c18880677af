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

/** The admin API takes the admin token and nothing else; without one configured it does not exist. */
class AdminApiSecurityTest {

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
    }
}
