package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** return_to over real HTTP: refused values are a page, allowed ones a valid {@code Location}. */
@GatewayTest
class ReturnToTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    Gateway g;

    @BeforeEach
    void setUp() {
        g = new Gateway(port, sandbox);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("/login/wecom", "https://evil.example/", "return_to_not_allowed"),
                Arguments.of("/login/wecom", "/.//evil.example/", "return_to_not_allowed"),
                Arguments.of("/login/wecom", "/%2e%2e//evil.example/", "return_to_not_allowed"),
                Arguments.of("/login/wecom-qr", "/x%2f..%2f..%2fadmin", "return_to_not_allowed"),
                Arguments.of("/login/wechat-mp", "/\\evil.example", "return_to_not_allowed"),
                Arguments.of("/login/wechat-open", "http://localhost:1/", "return_to_not_allowed"),
                // refused even earlier: an encoded CR/LF never gets past the query-string check
                Arguments.of("/login", "/x\r\nSet-Cookie: a=b", "invalid_request"),
                Arguments.of("/login", "https:/evil.example", "return_to_not_allowed"));
    }

    @ParameterizedTest(name = "{0}?return_to={1}")
    @MethodSource("refused")
    void startWhenReturnToRefusedThenReturnToNotAllowedPageAndNoLoginBegun(
            String start, String returnTo, String error) {
        Http.Answer a = g.http().get(g.base() + start + "?return_to=" + Gateway.enc(returnTo));

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("text/html");
        assertThat(a.body()).contains(error);
        if (error.equals("return_to_not_allowed")) {
            assertThat(a.body()).contains("return_to 不在允许列表中");
        }
        assertThat(a.header("Location")).isNull();
        assertThat(a.headers("Set-Cookie")).noneMatch(c -> c.contains("WEGATE_LOGIN"));
    }

    @Test
    void callbackWhenReturnToHasNonAsciiPathThenLocationIsItsPercentEncodedNormalForm() {
        String returnTo = "/文档/./季度/../报告?q=中文#第1节";
        Gateway.BrowserLogin login = g.browserLogin(
                "/login/wecom?return_to=" + Gateway.enc(returnTo), r -> g.code("zhangsan", "snsapi_base", r));

        assertThat(login.callback().status()).as(login.callback().body()).isEqualTo(302);
        String location = login.callback().header("Location");
        assertThat(location)
                .isEqualTo("/%E6%96%87%E6%A1%A3/%E6%8A%A5%E5%91%8A?q=%E4%B8%AD%E6%96%87#%E7%AC%AC1%E8%8A%82");
        assertThat(URI.create(location).getPath()).isEqualTo("/文档/报告");
        assertThat(login.sessionCookie()).isNotNull();
    }

    @Test
    void callbackWhenReturnToIsWegatesOwnUrlWithEncodedDotsThenLocationIsNormalised() {
        Gateway.BrowserLogin login = g.browserLogin(
                "/login/wecom?return_to=" + Gateway.enc(g.base() + "/a/%2e%2e/%7Eb"),
                r -> g.code("lisi", "snsapi_base", r));

        assertThat(login.callback().status()).as(login.callback().body()).isEqualTo(302);
        assertThat(login.callback().header("Location")).isEqualTo(g.base() + "/~b");
    }

    @Test
    void entryWhenReturnToHasNonAsciiPathThenTheFlowGetsTheNormalForm() {
        Http.Answer a = g.http()
                .get(
                        g.base() + "/login?return_to=" + Gateway.enc("/文档/./x"),
                        Map.of("User-Agent", "Mozilla/5.0 MicroMessenger/8.0.40 wxwork/4.1.10"));

        assertThat(a.status()).as(a.body()).isEqualTo(302);
        assertThat(a.header("Location")).isEqualTo("/login/wecom?return_to=" + Gateway.enc("/%E6%96%87%E6%A1%A3/x"));
    }
}
