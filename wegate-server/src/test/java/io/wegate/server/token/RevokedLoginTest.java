package io.wegate.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import io.wegate.server.support.MovableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7, hole 2: revoking a login (logout, refresh-token reuse) ends everything issued under it —
 * its browser session, its refresh tokens, and its access tokens on wegate's own endpoints — and a
 * login has an absolute end that fetching tokens from the session does not push back.
 */
@GatewayTest
class RevokedLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Gateway g() {
        return new Gateway(port, sandbox);
    }

    private static String access(JsonNode tokens) {
        return tokens.get("access_token").asString();
    }

    private static String refresh(JsonNode tokens) {
        return tokens.get("refresh_token").asString();
    }

    @Test
    void linkTicketWhenLoginLoggedOutThenUnauthorized() {
        Gateway g = g();
        JsonNode login = g.loginAs("zhangsan");
        g.postApi("/api/v1/logout", Map.of("refresh_token", refresh(login)));

        Http.Answer ticket = g.postApi("/api/v1/me/link-ticket", access(login), Map.of());

        assertThat(ticket.status()).isEqualTo(401);
        assertThat(ticket.json().get("error").asString()).isEqualTo("unauthorized");
        assertThat(g.me(access(login)).status()).isEqualTo(401);
    }

    @Test
    void linkTicketWhenLoginRevokedByRefreshReuseThenUnauthorized() {
        Gateway g = g();
        JsonNode login = g.loginAs("lisi");
        JsonNode rotated = g.refresh(refresh(login)).json();
        assertThat(g.refresh(refresh(login)).json().get("error").asString()).isEqualTo("refresh_token_reused");

        assertThat(g.postApi("/api/v1/me/link-ticket", access(rotated), Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(g.postApi("/api/v1/me/link-ticket", access(login), Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void sessionTokenWhenLoginLoggedOutByRefreshTokenThenSessionEndsAndItsTokensDie() {
        Gateway g = g();
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("wangwu", "snsapi_base", r));
        JsonNode first = browser.tokens(g);
        JsonNode second = browser.tokens(g);

        // an app holding one of the session's refresh tokens logs out
        g.postApi("/api/v1/logout", Map.of("refresh_token", refresh(first)));

        Http.Answer again = g.sessionToken(browser.sessionCookie());
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("error").asString()).isEqualTo("not_logged_in");
        assertThat(g.refresh(refresh(second)).json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(g.me(access(second)).status()).isEqualTo(401);
        assertThat(g.http()
                        .get(g.base() + "/", Map.of("Cookie", browser.sessionCookie()))
                        .body())
                .contains("id=\"login-wecom\"");
    }

    @Test
    void sessionTokenWhenRefreshTokenReusedThenSessionEnds() {
        Gateway g = g();
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("zhaoliu", "snsapi_base", r));
        JsonNode tokens = browser.tokens(g);
        g.refresh(refresh(tokens));
        g.refresh(refresh(tokens));

        assertThat(g.sessionToken(browser.sessionCookie()).status()).isEqualTo(401);
    }

    @Test
    void sessionTokenWhenLoginPastItsAbsoluteEndThenRefusedAndFetchingTokensDidNotExtendIt() {
        Gateway g = g();
        Gateway.BrowserLogin browser =
                g.browserLogin("/login/wecom?return_to=/", r -> g.code("sunqi", "snsapi_base", r));
        clock.advance(Duration.ofDays(29));
        JsonNode late = browser.tokens(g);
        long lateExp = Gateway.claims(access(late)).get("exp").asLong();

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        assertThat(g.sessionToken(browser.sessionCookie()).status()).isEqualTo(401);
        assertThat(g.refresh(refresh(late)).json().get("error").asString()).isEqualTo("invalid_grant");
        // the access token handed out a day before the end did not outlive the login either
        assertThat(lateExp).isLessThanOrEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    void phoneBindingWhenLoginLoggedOutThenUnauthorized() {
        Gateway g = g();
        var mini = sandbox.fixture().wechatApps().stream()
                .filter(a -> a.kind() == io.wegate.sandbox.WeChatFixture.Kind.MINIPROGRAM && a.unionidBound())
                .findFirst()
                .orElseThrow();
        JsonNode login = g.postApi(
                        "/api/v1/login/wechat-miniprogram",
                        Map.of(
                                "code",
                                g.mint(Map.of("flow", "wechat-miniprogram", "appid", mini.appid(), "user", "laowang"))
                                        .get("code")
                                        .asString()))
                .json();
        g.postApi("/api/v1/logout", Map.of("refresh_token", refresh(login)));
        String phoneCode = g.mint(Map.of("flow", "wechat-phone", "appid", mini.appid(), "user", "laowang"))
                .get("code")
                .asString();

        Http.Answer phone =
                g.postApi("/api/v1/login/wechat-miniprogram/phone", access(login), Map.of("phone_code", phoneCode));

        assertThat(phone.status()).isEqualTo(401);
    }
}
