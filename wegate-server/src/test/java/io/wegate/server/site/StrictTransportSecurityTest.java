package io.wegate.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.RawHttp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an https public base, every answer carries HSTS, although the requests here arrive over plain HTTP as they
 * would from a proxy that terminates TLS; with an http public base, none does.
 */
class StrictTransportSecurityTest {

    // a year, subdomains too; the space before ";" is how Spring Security's HstsHeaderWriter writes it
    static final String EXPECTED = "max-age=31536000 ; includeSubDomains";

    /** Every kind of answer: pages, JSON, redirects, the actuator, refusals before and inside the security chains. */
    static final String ANSWERS = """
            /,                                                          200
            /login/wecom?return_to=/,                                   302
            /api/v1/login/wecom/authorize-url?redirect_uri=https%3A%2F%2Fevil.example%2F, 400
            /.well-known/jwks.json,                                     200
            /api/v1/me,                                                 401
            /actuator/health,                                           200
            /actuator/prometheus,                                       401
            /no/such/page,                                              404
            /login/wecom/callback?code=%zz&state=x,                     400
            /api/v1/login/wecom/authorize-url?redirect_uri=%FF,         400
            """;

    @Nested
    @GatewayTest
    class HttpsPublicBase {

        @DynamicPropertySource
        static void https(DynamicPropertyRegistry r) {
            r.add("wegate.public-base-url", () -> "https://login.example.com");
        }

        @LocalServerPort
        int port;

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(textBlock = ANSWERS)
        void answerWhenPublicBaseIsHttpsThenHstsOverPlainHttpToo(String target, int status) {
            RawHttp.Answer a = RawHttp.get(port, target, "X-Forwarded-Proto: http");

            assertThat(a.status()).as(a.body()).isEqualTo(status);
            assertThat(a.header("Strict-Transport-Security")).isEqualTo(EXPECTED);
        }

        @org.junit.jupiter.api.Test
        void answerWhenBodyTooLargeThenRefusedWithHsts() {
            String body = "{\"code\":\"" + "a".repeat(20_000) + "\"}";
            String request =
                    "POST /api/v1/login/wecom HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;

            RawHttp.Answer a = RawHttp.send(port, request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

            assertThat(a.status()).isEqualTo(413);
            assertThat(a.header("Strict-Transport-Security")).isEqualTo(EXPECTED);
        }
    }

    @Nested
    @GatewayTest
    class HttpPublicBase {

        @LocalServerPort
        int port;

        @Autowired
        Sandbox sandbox;

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(textBlock = ANSWERS)
        void answerWhenPublicBaseIsHttpThenNoHsts(String target, int status) {
            RawHttp.Answer a = RawHttp.get(port, target);

            assertThat(a.status()).as(a.body()).isEqualTo(status);
            assertThat(a.header("Strict-Transport-Security")).isNull();
            assertThat(new Gateway(port, sandbox).base()).startsWith("http://");
        }
    }
}
