package io.wegate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Requests no client should send are refused with {@code 400 invalid_request}: as JSON on API routes, as the
 * error page on browser routes, and never as a 500.
 */
@GatewayTest
class MalformedRequestTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /login/wecom/callback               | code=%zz&state=x
            /login/wecom/callback               | code=%FF&state=x
            /login/wecom/callback               | code=abc%&state=x
            /login/wecom/callback               | code=x&state=y%0d%0a2026-01-01T00:00:00Z%20INFO%20forged
            /login/wecom                        | return_to=/%0a
            /login/wechat-open/callback         | code=%C3%28&state=x
            /login/wecom-qr/callback            | code=%1b%5b31m&state=x
            """)
    void browserRouteWhenQueryMalformedThenErrorPageWithInvalidRequest(String path, String query) {
        RawHttp.Answer a = RawHttp.get(port, path + "?" + query);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(a.body())
                .contains("<code id=\"error-code\">invalid_request</code>")
                .contains("请求格式错误")
                .contains("the query string");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/login/wecom/authorize-url   | redirect_uri=%zz
            /api/v1/login/wecom/authorize-url   | redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&app=%FF
            /api/v1/login/wecom/authorize-url   | %
            /api/v1/login/wecom/authorize-url   | redirect_uri=%0d%0a
            /api/v1/me                          | x=%zz
            /actuator/health                    | x=%00
            /no/such/route                      | x=%zz
            """)
    void apiRouteWhenQueryMalformedThenJsonInvalidRequest(String path, String query) {
        RawHttp.Answer a = RawHttp.get(port, path + "?" + query);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        JsonNode body = Http.JSON.readTree(a.body());
        assertThat(body.get("error").asString()).isEqualTo("invalid_request");
        assertThat(body.get("message").asString()).startsWith("The request is malformed: the query string");
        assertThat(body.get("message_zh").asString()).startsWith("请求格式错误");
        assertThat(body.get("request_id").asString()).isEqualTo(a.header("X-Request-Id"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            /login/wecom/callback%0d%0aforged?code=x,  text/html
            /login/wecom;jsessionid=x,                 text/html
            /api/v1/me%0aforged,                       application/json
            /api/v1//me,                               application/json
            /api/v1/me;jsessionid=x,                   application/json
            /actuator/%2e%2e/health,                   application/json
            """)
    void routeWhenPathRejectedByTheFirewallThenInvalidRequest(String target, String contentType) {
        RawHttp.Answer a = RawHttp.get(port, target);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith(contentType);
        assertThat(a.body()).contains("invalid_request").contains("the URL path is not allowed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"redirect_uri=http%3A%2F%2Flocalhost%2F%E4%B8%AD", "redirect_uri=http://localhost/callback&x=a+b"})
    void apiRouteWhenQueryWellFormedThenReachesTheController(String query) {
        RawHttp.Answer a = RawHttp.get(port, "/api/v1/login/wecom/authorize-url?" + query);

        // the redirect_uri is judged by the allow-list, not by the query-string check
        assertThat(a.body()).doesNotContain("the query string");
        assertThat(a.status()).isIn(200, 400);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            /api/v1/login/wecom                  | {"code":"a","code":"b","state":"x"}      | the body has the key "code" twice
            /api/v1/login/wecom                  | {"code":"a","state":"x","state":"y"}     | the body has the key "state" twice
            /api/v1/token/refresh                | {"refresh_token":"a","refresh_token":"b"} | the body has the key "refresh_token" twice
            /api/v1/logout                       | {"refresh_token":"a","refresh_token":"a"} | the body has the key "refresh_token" twice
            /api/v1/login/wechat-miniprogram     | {"code":"a","phone_code":"p","phone_code":"q"} | the body has the key "phone_code" twice
            /api/v1/login/wecom-miniprogram      | {"code":"a","x":{"y":1,"y":2}}           | the body has the key "y" twice
            /api/v1/login/wecom                  | {"code":"a","c<b>":1,"c<b>":2}           | the body has a key twice
            """)
    void jsonEndpointWhenBodyRepeatsAKeyThenInvalidRequest(String path, String body, String detail) {
        Http.Answer a = gateway().http().postJson(gateway().base() + path, body);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(a.json().get("message").asString()).isEqualTo("The request is malformed: " + detail);
        assertThat(a.json().get("message_zh").asString()).isEqualTo("请求格式错误：" + detail);
    }

    @org.junit.jupiter.api.Test
    void loginWhenCodeRepeatedThenRefusedBeforeTheStateIsSpent() {
        Gateway g = gateway();
        String state = g.newState();
        String code = g.code("zhangsan");

        Http.Answer refused = g.http()
                .postJson(
                        g.base() + "/api/v1/login/wecom",
                        "{\"code\":\"" + code + "\",\"code\":\"other\",\"state\":\"" + state + "\"}");
        Http.Answer login = g.login(code, state);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
    }

    Gateway gateway() {
        return new Gateway(port, sandbox);
    }
}
