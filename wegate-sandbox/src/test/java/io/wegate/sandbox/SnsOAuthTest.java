package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.OFFICIAL_ACCOUNT;
import static io.wegate.sandbox.TestSandbox.WEBSITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SnsOAuthTest {

    private static final String RID = ", rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$";

    private final TestSandbox wechat = TestSandbox.start();

    @AfterEach
    void stop() {
        wechat.close();
    }

    private String mpCode(String user, String scope) {
        return wechat.mint("{\"flow\":\"wechat-mp\",\"user\":\"" + user + "\",\"scope\":\"" + scope + "\"}");
    }

    private JsonNode userinfo(JsonNode token) {
        return wechat.getJson(
                "/sns/userinfo?access_token=" + token.get("access_token").asString() + "&openid="
                        + token.get("openid").asString() + "&lang=zh_CN");
    }

    @Test
    void accessTokenWhenCodeUsedTwiceThen40163CodeBeenUsed() {
        String code = mpCode("xiaoming", "snsapi_userinfo");

        JsonNode first = wechat.snsExchange(OFFICIAL_ACCOUNT, code);
        JsonNode second = wechat.snsExchange(OFFICIAL_ACCOUNT, code);

        assertThat(first.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(first.get("refresh_token").asString()).isNotBlank();
        assertThat(second.get("errcode").asInt()).isEqualTo(40163);
        assertThat(second.get("errmsg").asString()).startsWith("code been used").matches(".*" + RID);
    }

    @Test
    void accessTokenWhenOfficialAccountCodeOlderThan300SecondsThenInvalidCode() {
        String code = mpCode("xiaoming", "snsapi_base");
        wechat.clock.advance(Duration.ofSeconds(301));

        assertThat(wechat.snsExchange(OFFICIAL_ACCOUNT, code).get("errcode").asInt())
                .isEqualTo(40029);
    }

    @Test
    void accessTokenWhenCodeOfAnotherAppOrParametersWrongThenErrcodes() {
        String code = mpCode("xiaoming", "snsapi_base");
        String base = "/sns/oauth2/access_token?";

        assertThat(wechat.snsExchange(WEBSITE, code).get("errcode").asInt()).isEqualTo(40029);
        assertThat(wechat.getJson(base + "appid=" + OFFICIAL_ACCOUNT + "&secret=wrong&code=" + code
                                + "&grant_type=authorization_code")
                        .get("errcode")
                        .asInt())
                .isEqualTo(40125);
        assertThat(wechat.getJson(base + "appid=wx0000000000000000&secret=x&code=" + code
                                + "&grant_type=authorization_code")
                        .get("errcode")
                        .asInt())
                .isEqualTo(40013);
        assertThat(wechat.getJson(base + "secret=x&code=c").get("errcode").asInt())
                .isEqualTo(41002);
        assertThat(wechat.getJson(base + "appid=" + OFFICIAL_ACCOUNT + "&code=c")
                        .get("errcode")
                        .asInt())
                .isEqualTo(41004);
        assertThat(wechat.getJson(base + "appid=" + OFFICIAL_ACCOUNT + "&secret=x&grant_type=authorization_code")
                        .get("errcode")
                        .asInt())
                .isEqualTo(41008);
        assertThat(wechat.getJson(base + "appid=" + OFFICIAL_ACCOUNT + "&secret=x&code=c&grant_type=password")
                        .get("errcode")
                        .asInt())
                .isEqualTo(40002);
        // None of the failures above consumed the code.
        assertThat(wechat.snsExchange(OFFICIAL_ACCOUNT, code).has("access_token"))
                .isTrue();
    }

    @Test
    void userinfoWhenUserinfoScopeThenProfileWithUnionid() {
        JsonNode token = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("xiaohong", "snsapi_userinfo"));

        JsonNode info = userinfo(token);

        assertThat(info.has("errcode")).isFalse();
        assertThat(info.get("nickname").asString()).isEqualTo("小红");
        assertThat(info.get("sex").isInt()).isTrue();
        assertThat(info.get("sex").asInt()).isEqualTo(2);
        assertThat(info.get("province").asString()).isEqualTo("上海");
        assertThat(info.get("country").asString()).isEqualTo("中国");
        assertThat(info.get("headimgurl").asString())
                .startsWith("https://thirdwx.qlogo.cn/")
                .endsWith("/132");
        assertThat(info.get("privilege").isArray()).isTrue();
        assertThat(info.get("unionid").asString())
                .isEqualTo(token.get("unionid").asString());
    }

    @Test
    void userinfoWhenBaseScopeThen48001AndWhenOpenidWrongThen40003() {
        JsonNode base = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("xiaoming", "snsapi_base"));
        JsonNode full = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("xiaoming", "snsapi_userinfo"));

        JsonNode unauthorized = userinfo(base);
        JsonNode wrongOpenid = wechat.getJson(
                "/sns/userinfo?access_token=" + full.get("access_token").asString() + "&openid=oSomeoneElse");

        assertThat(unauthorized.get("errcode").asInt()).isEqualTo(48001);
        assertThat(unauthorized.get("errmsg").asString()).startsWith("api unauthorized, rid: ");
        assertThat(wrongOpenid.get("errcode").asInt()).isEqualTo(40003);
    }

    @Test
    void twoUsersWithTheSameNicknameThenDifferentOpenidsAndUnionids() {
        JsonNode first = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("xiaoming", "snsapi_userinfo"));
        JsonNode second = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("xiaoming2", "snsapi_userinfo"));

        assertThat(userinfo(first).get("nickname").asString())
                .isEqualTo(userinfo(second).get("nickname").asString())
                .isEqualTo("小明");
        assertThat(first.get("openid").asString())
                .isNotEqualTo(second.get("openid").asString());
        assertThat(first.get("unionid").asString())
                .isNotEqualTo(second.get("unionid").asString());
    }

    @Test
    void refreshTokenWhenAccessTokenValidThenSameTokenWithRenewedExpiryAndWhenExpiredThenNewOne() {
        JsonNode token = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("laowang", "snsapi_userinfo"));
        String refresh =
                "/sns/oauth2/refresh_token?appid=" + OFFICIAL_ACCOUNT + "&grant_type=refresh_token&refresh_token="
                        + token.get("refresh_token").asString();

        wechat.clock.advance(Duration.ofSeconds(3600));
        JsonNode renewed = wechat.getJson(refresh);
        wechat.clock.advance(Duration.ofSeconds(7201));
        JsonNode expiredToken = userinfo(renewed);
        JsonNode replaced = wechat.getJson(refresh);

        assertThat(renewed.get("access_token").asString())
                .isEqualTo(token.get("access_token").asString());
        assertThat(renewed.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(renewed.get("openid").asString())
                .isEqualTo(token.get("openid").asString());
        assertThat(renewed.get("scope").asString()).isEqualTo("snsapi_userinfo");
        assertThat(expiredToken.get("errcode").asInt()).isEqualTo(42001);
        assertThat(replaced.get("access_token").asString())
                .isNotEqualTo(token.get("access_token").asString());
        assertThat(userinfo(replaced).get("nickname").asString()).isEqualTo("老王");
    }

    /**
     * Regression: on a clock that moves between issuing the token and writing the answer (any real clock), both
     * endpoints measured the time left and rounded 7199.99 s down, so a fresh token said 7199 (fact sheet B1.2 / B1.3:
     * 7200).
     */
    @Test
    void snsTokensWhenClockTicksBetweenIssueAndAnswerThenExpiresInIs7200Not7199() {
        // moves a millisecond on every read, so no two reads see the same instant; no real time passes
        AtomicLong reads = new AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public Instant instant() {
                return TestSandbox.START.plusMillis(reads.incrementAndGet());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        try (TestSandbox sandbox = TestSandbox.start(b -> b.clock(new SandboxClock(ticking)))) {
            String code = sandbox.mint("{\"flow\":\"wechat-mp\",\"user\":\"xiaoming\",\"scope\":\"snsapi_base\"}");

            JsonNode issued = sandbox.snsExchange(OFFICIAL_ACCOUNT, code);
            JsonNode renewed = sandbox.getJson(
                    "/sns/oauth2/refresh_token?appid=" + OFFICIAL_ACCOUNT + "&grant_type=refresh_token&refresh_token="
                            + issued.get("refresh_token").asString());

            assertThat(issued.get("expires_in").asInt()).as(issued.toString()).isEqualTo(7200);
            assertThat(renewed.get("expires_in").asInt()).as(renewed.toString()).isEqualTo(7200);
            assertThat(reads.get())
                    .as("the clock was read, and so moved, while answering")
                    .isGreaterThan(2);
        }
    }

    @Test
    void refreshTokenWhenOlderThan30DaysThen42002AndWhenUnknownThen40030() {
        JsonNode token = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("laowang", "snsapi_base"));
        String refresh = "/sns/oauth2/refresh_token?appid=" + OFFICIAL_ACCOUNT + "&grant_type=refresh_token";

        wechat.clock.advance(Duration.ofDays(29));
        JsonNode day29 = wechat.getJson(
                refresh + "&refresh_token=" + token.get("refresh_token").asString());
        wechat.clock.advance(Duration.ofDays(1));
        JsonNode day30 = wechat.getJson(
                refresh + "&refresh_token=" + token.get("refresh_token").asString());

        assertThat(day29.has("access_token")).isTrue();
        assertThat(day30.get("errcode").asInt()).isEqualTo(42002);
        assertThat(wechat.getJson(refresh + "&refresh_token=nope")
                        .get("errcode")
                        .asInt())
                .isEqualTo(40030);
        assertThat(wechat.getJson(refresh).get("errcode").asInt()).isEqualTo(41003);
    }

    @Test
    void snsAuthThenOkForTheTokensUserAnd40003OtherwiseAnd40014ForUnknownTokens() {
        JsonNode token = wechat.snsExchange(OFFICIAL_ACCOUNT, mpCode("xiaoming", "snsapi_base"));
        String accessToken = token.get("access_token").asString();

        JsonNode ok = wechat.getJson("/sns/auth?access_token=" + accessToken + "&openid="
                + token.get("openid").asString());
        JsonNode otherUser = wechat.getJson("/sns/auth?access_token=" + accessToken + "&openid=oOther");
        JsonNode appToken = wechat.getJson("/sns/auth?access_token=" + wechat.appToken(OFFICIAL_ACCOUNT) + "&openid="
                + token.get("openid").asString());

        assertThat(ok.get("errcode").asInt()).isZero();
        assertThat(ok.get("errmsg").asString()).isEqualTo("ok");
        assertThat(otherUser.get("errcode").asInt()).isEqualTo(40003);
        assertThat(otherUser.get("errmsg").asString()).startsWith("invalid openid, rid: ");
        assertThat(appToken.get("errcode").asInt()).isEqualTo(40014);
    }

    @Test
    void codesWechatMpThenDescribesWhatTheExchangeReturns() {
        JsonNode minted = wechat.mintJson(
                "{\"flow\":\"wechat-mp\",\"user\":\"xiaoming\",\"scope\":\"snsapi_userinfo\",\"snapshot\":true,"
                        + "\"state\":\"abc\"}");

        JsonNode token = wechat.snsExchange(OFFICIAL_ACCOUNT, minted.get("code").asString());

        assertThat(minted.get("expires_in").asInt()).isEqualTo(300);
        assertThat(minted.get("is_snapshotuser").asInt()).isEqualTo(1);
        assertThat(minted.get("redirect_url").asString())
                .startsWith("http://localhost:8080/?code=")
                .endsWith("&state=abc");
        assertThat(token.get("openid").asString())
                .isEqualTo(minted.get("openid").asString());
        assertThat(token.get("unionid").asString())
                .isEqualTo(minted.get("unionid").asString());
    }
}
