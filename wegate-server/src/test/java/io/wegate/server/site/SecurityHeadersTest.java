package io.wegate.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The login calls and the refresh have a short security chain of their own (SecurityConfiguration, issue 9); their
 * answers carry the same security headers as the answers of the default chain.
 */
@GatewayTest
class SecurityHeadersTest {

    static final List<String> SECURITY_HEADERS = List.of(
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "X-Frame-Options",
            "X-XSS-Protection",
            "Cache-Control",
            "Pragma",
            "Expires",
            "Referrer-Policy");

    @LocalServerPort
    int port;

    private static Map<String, String> securityHeaders(RawHttp.Answer a) {
        Map<String, String> h = new TreeMap<>();
        for (String name : SECURITY_HEADERS) {
            String v = a.header(name);
            h.put(name, v == null ? "(none)" : v);
        }
        return h;
    }

    private RawHttp.Answer post(String path, String json) {
        String request = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length() + "\r\nConnection: close\r\n\r\n" + json;
        return RawHttp.send(port, request.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void answerWhenLoginChainThenSameSecurityHeadersAsTheDefaultChain() {
        // the default chain: an API route that is not a login call
        RawHttp.Answer reference = RawHttp.get(port, "/api/v1/me");
        assertThat(reference.status()).isEqualTo(401);
        assertThat(reference.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(reference.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Map<String, String> expected = securityHeaders(reference);

        RawHttp.Answer authorizeUrl =
                RawHttp.get(port, "/api/v1/login/wecom/authorize-url?redirect_uri=https%3A%2F%2Fevil.example%2F");
        RawHttp.Answer login = post("/api/v1/login/wecom", "{\"code\":\"nope\",\"state\":\"nope\"}");
        RawHttp.Answer miniProgram = post("/api/v1/login/wecom-miniprogram", "{}");
        RawHttp.Answer refresh = post("/api/v1/token/refresh", "{\"refresh_token\":\"nope\"}");

        for (RawHttp.Answer a : List.of(authorizeUrl, login, miniProgram, refresh)) {
            assertThat(a.status()).as(a.body()).isBetween(400, 499);
            assertThat(securityHeaders(a)).as(a.body()).isEqualTo(expected);
        }
    }

    @Test
    void loginCallWhenStaleBearerHeaderThenStillAnsweredByTheLoginNotA401() {
        // the login chain reads no Bearer token: a stale one on a login call is not a 401 (the call checks its own)
        RawHttp.Answer a = RawHttp.get(
                port,
                "/api/v1/login/wecom/authorize-url?redirect_uri=https%3A%2F%2Fevil.example%2F",
                "Authorization: Bearer not-a-token");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("redirect_uri");
    }
}
