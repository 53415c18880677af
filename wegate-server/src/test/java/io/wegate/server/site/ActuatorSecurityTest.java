package io.wegate.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The world sees whether wegate is up; health details, metrics, info and the upstream quota (data folder, corp id,
 * agent ids, traffic) are for the operator's HTTP Basic credentials only.
 */
class ActuatorSecurityTest {

    /** The credentials a caller sends: none, wrong ones, a user's access token, or the operator's. */
    enum Caller {
        ANONYMOUS,
        WRONG_PASSWORD,
        WRONG_USERNAME,
        EMPTY_PASSWORD,
        NOT_BASIC,
        USER_ACCESS_TOKEN,
        OPERATOR;

        Map<String, String> headers(Gateway g) {
            return switch (this) {
                case ANONYMOUS -> Map.of();
                case WRONG_PASSWORD -> Map.of("Authorization", Gateway.basic("operator", "guess"));
                case WRONG_USERNAME -> Map.of("Authorization", Gateway.basic("admin", Gateway.OPERATOR_PASSWORD));
                case EMPTY_PASSWORD -> Map.of("Authorization", Gateway.basic("operator", ""));
                case NOT_BASIC -> Map.of("Authorization", "Basic not-base64!");
                case USER_ACCESS_TOKEN ->
                    Map.of(
                            "Authorization",
                            "Bearer "
                                    + g.loginAs("zhangsan").get("access_token").asString());
                case OPERATOR -> Map.of("Authorization", Gateway.basic("operator", Gateway.OPERATOR_PASSWORD));
            };
        }
    }

    static void assertOperatorUnauthorized(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(401);
        assertThat(a.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(a.json().get("error").asString()).isEqualTo("unauthorized");
        assertThat(a.json().get("message").asString()).contains("wegate.management.password");
        assertThat(a.json().get("message_zh").asString()).contains("运维凭据");
    }

    /** Nothing an operator-only answer would show: no components, no details, no corp id, no path. */
    static void assertStatusOnly(Http.Answer a, Sandbox sandbox) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().propertyNames()).containsExactly("status");
        assertThat(a.json().get("status").asString()).isEqualTo("UP");
        assertThat(a.body())
                .doesNotContain(
                        "components", "details", "path", "/", sandbox.fixture().corpId(), "1000002");
    }

    @Nested
    @GatewayTest
    class WithOperatorPassword {

        @LocalServerPort
        int port;

        @Autowired
        Sandbox sandbox;

        Gateway gateway() {
            return new Gateway(port, sandbox);
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(textBlock = """
                ANONYMOUS,         /actuator/health
                USER_ACCESS_TOKEN, /actuator/health
                """)
        void healthWhenNotTheOperatorThenStatusOnly(Caller caller, String path) {
            Gateway g = gateway();

            Http.Answer a = g.http().get(g.base() + path, caller.headers(g));

            assertStatusOnly(a, sandbox);
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(textBlock = """
                ANONYMOUS,         /actuator
                ANONYMOUS,         /actuator/info
                ANONYMOUS,         /actuator/prometheus
                ANONYMOUS,         /actuator/upstreamquota
                WRONG_PASSWORD,    /actuator/health
                WRONG_PASSWORD,    /actuator/prometheus
                WRONG_USERNAME,    /actuator/info
                EMPTY_PASSWORD,    /actuator/upstreamquota
                NOT_BASIC,         /actuator/health
                USER_ACCESS_TOKEN, /actuator/prometheus
                USER_ACCESS_TOKEN, /actuator/upstreamquota
                """)
        void operatorEndpointWhenNotTheOperatorThenUnauthorized(Caller caller, String path) {
            Gateway g = gateway();

            Http.Answer a = g.http().get(g.base() + path, caller.headers(g));

            assertOperatorUnauthorized(a);
            assertThat(a.body()).doesNotContain(sandbox.fixture().corpId());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"/actuator/health/wegate", "/actuator/health/diskSpace", "/actuator/health/db"})
        void healthComponentWhenAnonymousThenNotShown(String path) {
            Gateway g = gateway();

            Http.Answer a = g.http().get(g.base() + path);

            assertThat(a.status()).isEqualTo(404);
            assertThat(a.body()).doesNotContain("details", "mode", "path");
        }

        @Test
        void healthWhenOperatorThenComponentsAndDetails() {
            Http.Answer a = gateway().operator("/actuator/health");

            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode components = a.json().get("components");
            assertThat(components.get("wegate").get("details").get("mode").asString())
                    .isEqualTo("sandbox");
            assertThat(components.get("diskSpace").get("details").has("path")).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(textBlock = """
                /actuator/info,           "mode":"sandbox"
                /actuator/prometheus,     jvm_threads_live_threads
                /actuator/upstreamquota,  "token_calls"
                """)
        void operatorEndpointWhenOperatorThenAnswers(String path, String expected) {
            Http.Answer a = gateway().operator(path);

            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.body()).contains(expected);
            assertThat(a.headers("Set-Cookie")).as("no session for Basic").isEmpty();
        }
    }

    @Nested
    @GatewayTest
    class WithoutOperatorPassword {

        @DynamicPropertySource
        static void noPassword(DynamicPropertyRegistry r) {
            r.add("wegate.management.password", () -> "");
        }

        @LocalServerPort
        int port;

        @Autowired
        Sandbox sandbox;

        @Test
        void operatorEndpointsWhenNoPasswordConfiguredThenClosedToEveryone() {
            Gateway g = new Gateway(port, sandbox);

            for (String path : List.of("/actuator/info", "/actuator/prometheus", "/actuator/upstreamquota")) {
                assertOperatorUnauthorized(g.http().get(g.base() + path));
                assertOperatorUnauthorized(g.operator(path));
                assertOperatorUnauthorized(
                        g.http().get(g.base() + path, Map.of("Authorization", Gateway.basic("operator", ""))));
            }
            assertStatusOnly(g.http().get(g.base() + "/actuator/health"), sandbox);
            assertOperatorUnauthorized(g.operator("/actuator/health"));
        }
    }
}
