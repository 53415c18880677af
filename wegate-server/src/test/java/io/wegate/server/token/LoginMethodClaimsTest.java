package io.wegate.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7, hole 5: every token of a login says how that login was made — {@code amr} is the
 * upstream and the flow, {@code auth_time} when the person authenticated, {@code app} the app — for
 * every flow, in the first tokens, after a refresh, and in tokens a browser session fetches.
 */
@GatewayTest
class LoginMethodClaimsTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    record Flow(String upstream, String flow, String app, Function<Gateway, JsonNode> login) {
        @Override
        public String toString() {
            return flow;
        }
    }

    static Stream<Arguments> flows() {
        return Stream.of(
                        new Flow("wecom", "wecom-api", "default", g -> g.loginAs("zhangsan")),
                        new Flow(
                                "wecom",
                                "wecom-web",
                                "default",
                                g -> g.browserLogin("/login/wecom?return_to=/", r -> g.code("lisi", "snsapi_base", r))
                                        .tokens(g)),
                        new Flow(
                                "wecom",
                                "wecom-qr",
                                "default",
                                g -> g.browserLogin(
                                                "/login/wecom-qr?return_to=/",
                                                r -> g.mint(Map.of(
                                                                "flow",
                                                                "wecom-qr",
                                                                "agentid",
                                                                Gateway.AGENT_ID,
                                                                "userid",
                                                                "wangwu",
                                                                "redirect_uri",
                                                                r))
                                                        .get("code")
                                                        .asString())
                                        .tokens(g)),
                        new Flow(
                                "wecom",
                                "wecom-miniprogram",
                                "default",
                                g -> g.postApi(
                                                "/api/v1/login/wecom-miniprogram",
                                                Map.of(
                                                        "code",
                                                        g.mint(Map.of(
                                                                        "flow",
                                                                        "wecom-miniprogram",
                                                                        "agentid",
                                                                        Gateway.AGENT_ID,
                                                                        "userid",
                                                                        "zhaoliu"))
                                                                .get("code")
                                                                .asString()))
                                        .json()),
                        new Flow(
                                "wechat",
                                "wechat-mp",
                                "mp",
                                g -> g.browserLogin(
                                                "/login/wechat-mp?return_to=/",
                                                r -> wechatCode(g, "wechat-mp", WeChatFixture.Kind.OFFICIAL_ACCOUNT, r))
                                        .tokens(g)),
                        new Flow(
                                "wechat",
                                "wechat-open",
                                "web",
                                g -> g.browserLogin(
                                                "/login/wechat-open?return_to=/",
                                                r -> wechatCode(g, "wechat-open", WeChatFixture.Kind.WEBSITE, r))
                                        .tokens(g)),
                        new Flow(
                                "wechat",
                                "wechat-miniprogram",
                                "mini",
                                g -> g.postApi(
                                                "/api/v1/login/wechat-miniprogram",
                                                Map.of(
                                                        "code",
                                                        wechatCode(
                                                                g,
                                                                "wechat-miniprogram",
                                                                WeChatFixture.Kind.MINIPROGRAM,
                                                                null)))
                                        .json()))
                .map(Arguments::of);
    }

    private static String wechatCode(Gateway g, String flow, WeChatFixture.Kind kind, String redirectUri) {
        String appid = g.sandbox().fixture().wechatApps().stream()
                .filter(a -> a.kind() == kind && a.unionidBound())
                .findFirst()
                .orElseThrow()
                .appid();
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("flow", flow, "appid", appid, "user", "amy"));
        if (redirectUri != null) {
            body.put("redirect_uri", redirectUri);
        }
        return g.mint(body).get("code").asString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void tokensWhenLoggedInThroughFlowThenAmrSaysUpstreamAndFlowBeforeAndAfterRefresh(Flow flow) {
        Gateway g = new Gateway(port, sandbox);
        JsonNode tokens = flow.login().apply(g);
        assertThat(tokens.has("access_token")).as(tokens.toString()).isTrue();
        JsonNode first = Gateway.claims(tokens.get("access_token").asString());

        JsonNode refreshed =
                Gateway.claims(g.refresh(tokens.get("refresh_token").asString())
                        .json()
                        .get("access_token")
                        .asString());

        for (JsonNode claims : List.of(first, refreshed)) {
            assertThat(claims.get("amr").toString()).isEqualTo("[\"" + flow.upstream() + "\",\"" + flow.flow() + "\"]");
            assertThat(claims.get("app").asString()).isEqualTo(flow.app());
            assertThat(claims.get("sid").asString()).isEqualTo(first.get("sid").asString());
        }
        assertThat(refreshed.get("auth_time").asLong())
                .isEqualTo(first.get("auth_time").asLong());
        assertThat(first.get("auth_time").asLong())
                .isLessThanOrEqualTo(first.get("iat").asLong());
    }
}
