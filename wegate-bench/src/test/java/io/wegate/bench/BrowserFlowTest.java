package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserFlowTest {

    @Test
    void queryWhenWeChatAuthorizeUrlThenDecodesParametersWithoutTheFragment() {
        Map<String, String> query = BrowserFlow.query("http://127.0.0.1:18081/connect/oauth2/authorize?appid=wx5083"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A18080%2Flogin%2Fwechat-mp%2Fcallback&response_type=code"
                + "&scope=snsapi_userinfo&state=abc123#wechat_redirect");
        assertThat(query)
                .containsEntry("redirect_uri", "http://localhost:18080/login/wechat-mp/callback")
                .containsEntry("scope", "snsapi_userinfo")
                .containsEntry("state", "abc123");
    }

    @Test
    void queryWhenNoQueryThenEmpty() {
        assertThat(BrowserFlow.query("http://localhost:18080/")).isEmpty();
    }

    @Test
    void cookieWhenSetThenNameAndValueOnly() {
        HttpHeaders headers = HttpHeaders.of(
                Map.of(
                        "Set-Cookie",
                        List.of(
                                "OTHER=1; Path=/",
                                "WEGATE_LOGIN_abcDEF123456=eyJ.x.y; Path=/login; Max-Age=600; HttpOnly; SameSite=Lax")),
                (name, value) -> true);
        assertThat(BrowserFlow.cookie(headers, "WEGATE_LOGIN_")).contains("WEGATE_LOGIN_abcDEF123456=eyJ.x.y");
        assertThat(BrowserFlow.cookie(headers, "OTHER")).contains("OTHER=1");
        assertThat(BrowserFlow.cookie(headers, "OTH")).isEmpty();
        assertThat(BrowserFlow.cookie(headers, "WEGATE_SESSION")).isEmpty();
    }

    @Test
    void cookieWhenClearedThenEmpty() {
        HttpHeaders headers =
                HttpHeaders.of(Map.of("set-cookie", List.of("WEGATE_LOGIN_abc=; Max-Age=0")), (name, value) -> true);
        assertThat(BrowserFlow.cookie(headers, "WEGATE_LOGIN_")).isEmpty();
    }
}
