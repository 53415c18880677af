package io.wegate.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /login} picks the flow from the browser. */
@GatewayTest
class LoginEntryTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            WeCom client on iOS  | Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40 NetType/WIFI Language/zh_CN wxwork/4.1.10 | /login/wecom?return_to=%2Fapp
            WeChat on Android    | Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 | /login/wechat-mp?return_to=%2Fapp
            """)
    void entryWhenInsideAClientThenThatClientsFlow(String name, String userAgent, String expected) {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer a = g.http().get(g.base() + "/login?return_to=/app", Map.of("User-Agent", userAgent));
        assertThat(a.status()).isEqualTo(302);
        assertThat(a.header("Location")).isEqualTo(expected);
    }

    @Test
    void entryWhenDesktopBrowserThenPageOffersTheConfiguredQrLogins() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer a = g.http()
                .get(
                        g.base() + "/login?return_to=/app",
                        Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body())
                .contains("href=\"/login/wecom-qr?return_to=%2Fapp\"")
                .contains("href=\"/login/wechat-open?return_to=%2Fapp\"");
    }

    @Test
    void entryWhenReturnToNotAllowedThenRejectedPage() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer a = g.http().get(g.base() + "/login?return_to=" + Gateway.enc("https://evil.example/"));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("return_to_not_allowed");
    }

    private static final Map<String, String> DESKTOP =
            Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");

    @Test
    void entryWhenOneUpstreamIsAskedForThenOnlyItsLoginsAreOffered() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer wechat = g.http().get(g.base() + "/login?return_to=/app&upstream=wechat", DESKTOP);
        assertThat(wechat.status()).isEqualTo(200);
        assertThat(wechat.body())
                .contains("/login/wechat-open?return_to=%2Fapp")
                .doesNotContain("/login/wecom-qr");
        Http.Answer wecom = g.http().get(g.base() + "/login?return_to=/app&upstream=wecom", DESKTOP);
        assertThat(wecom.body()).contains("/login/wecom-qr?return_to=%2Fapp").doesNotContain("/login/wechat-open");
    }

    @Test
    void entryWhenAnAppIsNamedThenItsFlowCarriesIt() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer qr = g.http().get(g.base() + "/login?return_to=/app&app=default", DESKTOP);
        assertThat(qr.body())
                .contains("/login/wecom-qr?return_to=%2Fapp&amp;app=default")
                .doesNotContain("wechat-open");
        Http.Answer inWeChat = g.http()
                .get(
                        g.base() + "/login?return_to=/app&app=mp",
                        Map.of("User-Agent", "Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0.42"));
        assertThat(inWeChat.status()).isEqualTo(302);
        assertThat(inWeChat.header("Location")).isEqualTo("/login/wechat-mp?return_to=%2Fapp&app=mp");
    }

    @Test
    void entryWhenTheAppOrUpstreamIsUnknownThenAClearErrorAndNoLogin() {
        Gateway g = new Gateway(port, sandbox);
        Http.Answer app = g.http().get(g.base() + "/login?return_to=/app&app=nope", DESKTOP);
        assertThat(app.status()).isEqualTo(400);
        assertThat(app.body()).contains("unknown_app").doesNotContain("/login/wecom-qr");
        Http.Answer upstream = g.http().get(g.base() + "/login?return_to=/app&upstream=alipay", DESKTOP);
        assertThat(upstream.status()).isEqualTo(400);
        assertThat(upstream.body()).contains("invalid_request");
    }
}
