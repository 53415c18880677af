package io.wegate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.TestClockConfiguration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production path: no sandbox mode, several apps of each kind configured by properties, each
 * with its own credentials and base URL. Two standalone sandboxes stand in for two upstream hosts.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wegate.sandbox.enabled=false",
            "spring.datasource.url=jdbc:h2:mem:production-${random.uuid};DB_CLOSE_DELAY=-1",
            "wegate.management.password=" + Gateway.OPERATOR_PASSWORD
        })
@Import(TestClockConfiguration.class)
class ProductionConfigurationTest {

    static final Sandbox A = Sandbox.builder().start();
    static final Sandbox B = Sandbox.builder().start();

    static WeChatFixture.App wechat(Sandbox s, WeChatFixture.Kind kind, boolean bound) {
        return s.fixture().wechatApps().stream()
                .filter(a -> a.kind() == kind && a.unionidBound() == bound)
                .findFirst()
                .orElseThrow();
    }

    @DynamicPropertySource
    static void apps(DynamicPropertyRegistry r) {
        String a = A.baseUrl().toString();
        String b = B.baseUrl().toString();
        r.add("wegate.wecom.corp-id", () -> A.fixture().corpId());
        r.add("wegate.wecom.agent-id", () -> "1000002");
        r.add(
                "wegate.wecom.secret",
                () -> A.fixture().app("1000002").orElseThrow().secret());
        r.add("wegate.wecom.api-base-url", () -> a);
        r.add("wegate.wecom.authorize-base-url", () -> a);
        r.add("wegate.wecom.sso-base-url", () -> a);
        r.add("wegate.wecom.apps[0].id", () -> "attendance");
        r.add("wegate.wecom.apps[0].agent-id", () -> "1000003");
        r.add(
                "wegate.wecom.apps[0].secret",
                () -> B.fixture().app("1000003").orElseThrow().secret());
        r.add("wegate.wecom.apps[0].api-base-url", () -> b);
        r.add("wegate.wecom.apps[0].authorize-base-url", () -> b);
        r.add("wegate.wechat.api-base-url", () -> a);
        r.add("wegate.wechat.authorize-base-url", () -> a);
        r.add("wegate.wechat.apps[0].id", () -> "web");
        r.add("wegate.wechat.apps[0].kind", () -> "website");
        r.add(
                "wegate.wechat.apps[0].app-id",
                () -> wechat(A, WeChatFixture.Kind.WEBSITE, true).appid());
        r.add(
                "wegate.wechat.apps[0].secret",
                () -> wechat(A, WeChatFixture.Kind.WEBSITE, true).secret());
        r.add("wegate.wechat.apps[1].id", () -> "shop");
        r.add("wegate.wechat.apps[1].kind", () -> "miniprogram");
        r.add(
                "wegate.wechat.apps[1].app-id",
                () -> wechat(A, WeChatFixture.Kind.MINIPROGRAM, true).appid());
        r.add(
                "wegate.wechat.apps[1].secret",
                () -> wechat(A, WeChatFixture.Kind.MINIPROGRAM, true).secret());
        r.add("wegate.wechat.apps[2].id", () -> "tools");
        r.add("wegate.wechat.apps[2].kind", () -> "miniprogram");
        r.add(
                "wegate.wechat.apps[2].app-id",
                () -> wechat(B, WeChatFixture.Kind.MINIPROGRAM, false).appid());
        r.add(
                "wegate.wechat.apps[2].secret",
                () -> wechat(B, WeChatFixture.Kind.MINIPROGRAM, false).secret());
        r.add("wegate.wechat.apps[2].api-base-url", () -> b);
        r.add("wegate.login.allowed-redirect-uris", () -> "https://spa.example.com/callback");
    }

    @AfterAll
    static void stop() {
        A.close();
        B.close();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void trustTheGateway() {
        // what an operator does in the WeCom and WeChat consoles
        A.addTrustedDomain("1000002", "localhost:" + port);
        B.addTrustedDomain("1000003", "localhost:" + port);
        A.addWeChatDomain(wechat(A, WeChatFixture.Kind.WEBSITE, true).appid(), "localhost:" + port);
    }

    private static String state(Gateway g, String app) {
        Http.Answer a = g.http()
                .get(g.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE + "&app=" + app
                        + "&redirect_uri=" + Gateway.enc("https://spa.example.com/callback"));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("state").asString();
    }

    @Test
    void wecomAppsWhenEachHasItsOwnHostThenEachLoginGoesToItsOwnHost() {
        Gateway a = new Gateway(port, A);
        Gateway b = new Gateway(port, B);
        long aCalls = A.stats().getOrDefault("/cgi-bin/auth/getuserinfo", 0L);
        long bCalls = B.stats().getOrDefault("/cgi-bin/auth/getuserinfo", 0L);

        Http.Answer viaDefault =
                a.login(a.code("zhangsan", "snsapi_base", "https://localhost:" + port + "/x"), state(a, "default"));
        Http.Answer viaAttendance = b.login(
                b.mint(Map.of("flow", "wecom-web", "agentid", "1000003", "userid", "lisi", "scope", "snsapi_base"))
                        .get("code")
                        .asString(),
                state(b, "attendance"));

        assertThat(viaDefault.status()).as(viaDefault.body()).isEqualTo(200);
        assertThat(viaAttendance.status()).as(viaAttendance.body()).isEqualTo(200);
        assertThat(A.stats().get("/cgi-bin/auth/getuserinfo") - aCalls).isEqualTo(1);
        assertThat(B.stats().get("/cgi-bin/auth/getuserinfo") - bCalls).isEqualTo(1);
        assertThat(viaAttendance
                        .json()
                        .get("account")
                        .get("identities")
                        .get(0)
                        .get("app_id")
                        .asString())
                .isEqualTo("1000003");
    }

    @Test
    void authorizeUrlWhenAppChosenThenThatAppsAgentAndHost() {
        Gateway g = new Gateway(port, A);
        String url = g.http()
                .get(g.base() + "/api/v1/login/wecom/authorize-url?" + Gateway.STATE_CHALLENGE
                        + "&app=attendance&redirect_uri=" + Gateway.enc("https://spa.example.com/callback"))
                .json()
                .get("url")
                .asString();
        assertThat(url).startsWith(B.baseUrl() + "/connect/oauth2/authorize").contains("agentid=1000003");
    }

    @Test
    void wechatMiniProgramsWhenTwoConfiguredThenEachUsesItsOwnCredentialsAndHost() {
        Gateway a = new Gateway(port, A);
        Gateway b = new Gateway(port, B);
        WeChatFixture.App shop = wechat(A, WeChatFixture.Kind.MINIPROGRAM, true);
        WeChatFixture.App tools = wechat(B, WeChatFixture.Kind.MINIPROGRAM, false);

        Http.Answer s = a.postApi(
                "/api/v1/login/wechat-miniprogram",
                Map.of(
                        "app",
                        "shop",
                        "code",
                        a.mint(Map.of("flow", "wechat-miniprogram", "appid", shop.appid(), "user", "xiaoming"))
                                .get("code")
                                .asString()));
        Http.Answer t = b.postApi(
                "/api/v1/login/wechat-miniprogram",
                Map.of(
                        "app",
                        "tools",
                        "code",
                        b.mint(Map.of("flow", "wechat-miniprogram", "appid", tools.appid(), "user", "xiaoming"))
                                .get("code")
                                .asString()));

        assertThat(s.status()).as(s.body()).isEqualTo(200);
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        assertThat(s.json().get("account").get("identities").toString()).contains("unionid");
        assertThat(t.json()
                        .get("account")
                        .get("identities")
                        .get(0)
                        .get("tenant_id")
                        .asString())
                .isEqualTo(tools.appid());
    }

    @Test
    void healthWhenConfiguredThenProductionMode() {
        Gateway g = new Gateway(port, A);
        Http.Answer h = g.operator("/actuator/health");
        assertThat(h.json()
                        .get("components")
                        .get("wegate")
                        .get("details")
                        .get("mode")
                        .asString())
                .isEqualTo("production");
    }
}
