package io.wegate.server.login.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.GatewayTest;
import io.wegate.server.support.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Who is at fault decides the status: what the person logging in brought (a code, a phone code,
 * encrypted data) or the person themself (blocked, over their own limit) is a 4xx; what wegate sent,
 * its configuration and the upstream's trouble stay 5xx. Each refusal changes no account.
 */
@GatewayTest
class WeChatRefusalTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    Gateway g;
    WeChatFixtureSupport fx;

    @BeforeEach
    void setUp() {
        g = new Gateway(port, sandbox);
        fx = new WeChatFixtureSupport(sandbox);
    }

    @AfterEach
    void tearDown() {
        sandbox.clearFaults();
    }

    /** What a case may use: the gateway, the fixture, faults, and the session a prepared login left. */
    static final class Ctx {
        final Gateway g;
        final WeChatFixtureSupport fx;
        String accessToken;
        String usedPhoneCode;

        Ctx(Gateway g, WeChatFixtureSupport fx) {
            this.g = g;
            this.fx = fx;
        }

        String miniCode(String user) {
            return g.mint(Map.of(
                            "flow",
                            "wechat-miniprogram",
                            "appid",
                            fx.miniProgram().appid(),
                            "user",
                            user))
                    .get("code")
                    .asString();
        }

        String phoneCode(String user) {
            return g.mint(Map.of(
                            "flow", "wechat-phone", "appid", fx.miniProgram().appid(), "user", user))
                    .get("code")
                    .asString();
        }

        Http.Answer login(Map<String, Object> body) {
            return g.postApi("/api/v1/login/wechat-miniprogram", body);
        }

        /** Logs {@code user} in; the phone endpoint then speaks for them. */
        void loggedInAs(String user) {
            Http.Answer login = login(Map.of("code", miniCode(user)));
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            accessToken = login.json().get("access_token").asString();
        }

        Http.Answer phone(Map<String, Object> body) {
            return g.postApi("/api/v1/login/wechat-miniprogram/phone", accessToken, body);
        }

        /** What the legacy {@code wx.getUserInfo} hands the mini program: the profile, not a phone number. */
        Map<String, Object> encryptedUserInfo(String user) {
            Http.Answer a = g.http()
                    .postJson(
                            g.sandbox().baseUrl() + "/sandbox/encrypted-data",
                            Map.of("appid", fx.miniProgram().appid(), "user", user, "kind", "userinfo"));
            assertThat(a.status()).as(a.body()).isIn(200, 201);
            return Map.of(
                    "encrypted_data",
                    a.json().get("encryptedData").asString(),
                    "iv",
                    a.json().get("iv").asString());
        }

        void fault(String path, int errcode) {
            Http.Answer a = g.http()
                    .postJson(
                            g.sandbox().baseUrl() + "/sandbox/faults",
                            Map.of("type", "errcode", "path", path, "errcode", errcode, "count", 1));
            assertThat(a.status()).as(a.body()).isIn(200, 201);
        }
    }

    /** One row: what happens, and what the gateway must answer. */
    record Case(
            String name,
            Consumer<Ctx> prepare,
            Function<Ctx, Http.Answer> act,
            int status,
            String error,
            Integer errcode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // the person, or what they brought: 4xx
                new Case(
                        "blocked (high-risk) user: 40226",
                        c -> {},
                        c -> c.login(Map.of("code", c.miniCode("xiaohei"))),
                        403,
                        "login_blocked",
                        40226),
                new Case(
                        "login with another user's phone code: 40003",
                        c -> {},
                        c -> c.login(Map.of("code", c.miniCode("xiaohong"), "phone_code", c.phoneCode("xiaoming2"))),
                        400,
                        "invalid_phone_code",
                        40003),
                new Case(
                        "login with an unknown phone code: 40029",
                        c -> {},
                        c -> c.login(Map.of("code", c.miniCode("xiaohong"), "phone_code", "A".repeat(32))),
                        400,
                        "invalid_phone_code",
                        40029),
                new Case(
                        "phone endpoint with another user's phone code: 40003",
                        c -> c.loggedInAs("amy"),
                        c -> c.phone(Map.of("phone_code", c.phoneCode("laowang"))),
                        400,
                        "invalid_phone_code",
                        40003),
                new Case(
                        "phone endpoint with a used phone code: 40029",
                        c -> {
                            c.loggedInAs("amy");
                            c.usedPhoneCode = c.phoneCode("amy");
                            assertThat(c.phone(Map.of("phone_code", c.usedPhoneCode))
                                            .status())
                                    .isEqualTo(200);
                        },
                        c -> c.phone(Map.of("phone_code", c.usedPhoneCode)),
                        400,
                        "invalid_phone_code",
                        40029),
                new Case(
                        "phone endpoint with an encrypted wx.getUserInfo payload instead of a phone number",
                        c -> c.loggedInAs("laowang"),
                        c -> c.phone(c.encryptedUserInfo("laowang")),
                        400,
                        "invalid_encrypted_data",
                        null),
                new Case(
                        "the user's own minute limit: 45011",
                        c -> {},
                        c -> {
                            c.fault("/sns/jscode2session", 45011);
                            return c.login(Map.of("code", c.miniCode("xiaohong")));
                        },
                        429,
                        "too_many_user_logins",
                        45011),
                new Case(
                        "the user has not authorised: 50001",
                        c -> {},
                        c -> {
                            c.fault("/sns/jscode2session", 50001);
                            return c.login(Map.of("code", c.miniCode("xiaohong")));
                        },
                        400,
                        "login_refused",
                        50001),
                // wegate, its configuration, the upstream: 5xx
                new Case(
                        "a parameter wegate sends is missing: 41001",
                        c -> {},
                        c -> {
                            c.fault("/wxa/business/getuserphonenumber", 41001);
                            return c.login(
                                    Map.of("code", c.miniCode("xiaohong"), "phone_code", c.phoneCode("xiaohong")));
                        },
                        502,
                        "upstream_rejected",
                        41001),
                new Case(
                        "wegate's IP is not whitelisted: 40164",
                        c -> {},
                        c -> {
                            c.fault("/sns/jscode2session", 40164);
                            return c.login(Map.of("code", c.miniCode("xiaohong")));
                        },
                        502,
                        "upstream_configuration",
                        40164),
                new Case(
                        "the app's daily quota: 45009",
                        c -> {},
                        c -> {
                            c.fault("/wxa/business/getuserphonenumber", 45009);
                            return c.login(
                                    Map.of("code", c.miniCode("xiaohong"), "phone_code", c.phoneCode("xiaohong")));
                        },
                        503,
                        "upstream_quota_exhausted",
                        45009));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loginWhenRefusedThenStatusByWhoIsAtFaultAndNoAccountChange(Case c) {
        Ctx ctx = new Ctx(g, fx);
        c.prepare().accept(ctx);
        Map<String, List<String>> before = snapshot();

        Http.Answer a = c.act().apply(ctx);

        assertThat(a.status()).as(a.body()).isEqualTo(c.status());
        JsonNode body = a.json();
        assertThat(body.get("error").asString()).isEqualTo(c.error());
        if (c.errcode() == null) {
            assertThat(body.has("upstream_errcode")).isFalse();
        } else {
            assertThat(body.get("upstream_errcode").asInt()).isEqualTo(c.errcode());
        }
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("message_zh").asString()).isNotBlank();
        if (c.status() == 429) {
            assertThat(a.header("Retry-After")).isEqualTo("60");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Every account and identity row as it is: a refusal must not add, change or log in any. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : List.of("account", "external_identity")) {
            tables.put(
                    table,
                    jdbc.sql("select * from " + table + " order by id")
                            .query((rs, n) -> {
                                StringBuilder row = new StringBuilder();
                                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                    row.append(rs.getString(i)).append('|');
                                }
                                return row.toString();
                            })
                            .list());
        }
        return tables;
    }
}
