package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.MINIPROGRAM;
import static io.wegate.sandbox.TestSandbox.OFFICIAL_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WeChatAppTokenTest {

    private TestSandbox wechat = TestSandbox.start();

    @AfterEach
    void stop() {
        wechat.close();
    }

    private JsonNode stableToken(String appid, boolean force) {
        return wechat.postJson(
                "/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + appid + "\",\"secret\":\""
                        + wechat.wechatSecret(appid) + "\",\"force_refresh\":" + force + "}");
    }

    /** Any /wxa call that authenticates the token: 0 (or a code error) means the token was accepted. */
    private int tokenCheck(String token) {
        return wechat.postJson("/wxa/business/getuserphonenumber?access_token=" + token, "{\"code\":\"x\"}")
                .get("errcode")
                .asInt();
    }

    @Test
    void tokenThenEveryCallANewTokenAndThePreviousValidFiveMoreMinutes() {
        String first = wechat.appToken(MINIPROGRAM);
        wechat.clock.advance(Duration.ofSeconds(60));
        String second = wechat.appToken(MINIPROGRAM);

        wechat.clock.advance(Duration.ofSeconds(299));
        int previousAt299 = tokenCheck(first);
        wechat.clock.advance(Duration.ofSeconds(1));
        int previousAt300 = tokenCheck(first);

        assertThat(second).isNotEqualTo(first);
        assertThat(previousAt299).isEqualTo(40029);
        assertThat(previousAt300).isEqualTo(40001);
        assertThat(tokenCheck(second)).isEqualTo(40029);
    }

    @Test
    void tokenThenShapeOfTheDocWithoutErrcode() {
        JsonNode body = wechat.getJson("/cgi-bin/token?grant_type=client_credential&appid=" + OFFICIAL_ACCOUNT
                + "&secret=" + wechat.wechatSecret(OFFICIAL_ACCOUNT));

        assertThat(body.has("errcode")).isFalse();
        assertThat(body.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(body.get("access_token").asString()).hasSizeGreaterThan(100);
    }

    @Test
    void tokenWhenCredentialsWrongThenErrcodes() {
        String base = "/cgi-bin/token?grant_type=client_credential";

        assertThat(wechat.getJson(base + "&appid=" + MINIPROGRAM + "&secret=wrong")
                        .get("errcode")
                        .asInt())
                .isEqualTo(40125);
        assertThat(wechat.getJson(base + "&appid=wx0000000000000000&secret=x")
                        .get("errcode")
                        .asInt())
                .isEqualTo(40013);
        assertThat(wechat.getJson(base + "&secret=x").get("errcode").asInt()).isEqualTo(41002);
        assertThat(wechat.getJson("/cgi-bin/token?appid=" + MINIPROGRAM + "&secret=x")
                        .get("errcode")
                        .asInt())
                .isEqualTo(40002);
    }

    @Test
    void stableTokenThenSameTokenWhileValidThenANewOneInTheLastFiveMinutesWithTheOldStillValid() {
        JsonNode first = stableToken(MINIPROGRAM, false);
        wechat.clock.advance(Duration.ofSeconds(6000));
        JsonNode repeated = stableToken(MINIPROGRAM, false);
        wechat.clock.advance(Duration.ofSeconds(1000));
        JsonNode renewed = stableToken(MINIPROGRAM, false);
        JsonNode afterRenewal = stableToken(MINIPROGRAM, false);
        int oldBeforeExpiry = tokenCheck(first.get("access_token").asString());
        wechat.clock.advance(Duration.ofSeconds(200));
        int oldAtExpiry = tokenCheck(first.get("access_token").asString());

        assertThat(first.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(repeated.get("access_token").asString())
                .isEqualTo(first.get("access_token").asString());
        assertThat(repeated.get("expires_in").asInt()).isEqualTo(1200);
        assertThat(renewed.get("access_token").asString())
                .isNotEqualTo(first.get("access_token").asString());
        assertThat(renewed.get("expires_in").asInt()).isEqualTo(7200);
        assertThat(afterRenewal.get("access_token").asString())
                .isEqualTo(renewed.get("access_token").asString());
        assertThat(oldBeforeExpiry).isEqualTo(40029);
        assertThat(oldAtExpiry).isEqualTo(42001);
    }

    @Test
    void stableTokenIsIsolatedFromTokenCalls() {
        String stable = stableToken(MINIPROGRAM, false).get("access_token").asString();
        wechat.appToken(MINIPROGRAM);
        wechat.appToken(MINIPROGRAM);
        wechat.clock.advance(Duration.ofMinutes(10));

        assertThat(tokenCheck(stable)).isEqualTo(40029);
        assertThat(stableToken(MINIPROGRAM, false).get("access_token").asString())
                .isEqualTo(stable);
    }

    @Test
    void stableTokenForceRefreshThenInvalidatesThePreviousButNotMoreOftenThanEvery30Seconds() {
        String first = stableToken(MINIPROGRAM, false).get("access_token").asString();

        String forced = stableToken(MINIPROGRAM, true).get("access_token").asString();
        wechat.clock.advance(Duration.ofSeconds(10));
        String tooSoon = stableToken(MINIPROGRAM, true).get("access_token").asString();
        wechat.clock.advance(Duration.ofSeconds(20));
        String afterThirty = stableToken(MINIPROGRAM, true).get("access_token").asString();

        assertThat(forced).isNotEqualTo(first);
        assertThat(tokenCheck(first)).isEqualTo(40001);
        assertThat(tooSoon).isEqualTo(forced);
        assertThat(afterThirty).isNotEqualTo(forced);
        assertThat(tokenCheck(forced)).isEqualTo(40001);
    }

    @Test
    void stableTokenForceRefreshThenAtMost20ADay() {
        String token = null;
        for (int i = 0; i < 20; i++) {
            String next =
                    stableToken(OFFICIAL_ACCOUNT, true).get("access_token").asString();
            assertThat(next).as("forced refresh " + (i + 1)).isNotEqualTo(token);
            token = next;
            wechat.clock.advance(Duration.ofSeconds(31));
        }

        String twentyFirst =
                stableToken(OFFICIAL_ACCOUNT, true).get("access_token").asString();
        wechat.clock.advance(Duration.ofDays(1));
        String nextDay = stableToken(OFFICIAL_ACCOUNT, true).get("access_token").asString();

        assertThat(twentyFirst).isEqualTo(token);
        assertThat(nextDay).isNotEqualTo(token);
    }

    @Test
    void stableTokenWhenBodyNotJsonOrSecretWrongThenErrcodes() {
        JsonNode notJson = wechat.postJson("/cgi-bin/stable_token", "grant_type=client_credential");
        JsonNode wrongSecret = wechat.postJson(
                "/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + MINIPROGRAM + "\",\"secret\":\"nope\"}");

        assertThat(notJson.get("errcode").asInt()).isEqualTo(47001);
        assertThat(wrongSecret.get("errcode").asInt()).isEqualTo(40125);
        assertThat(wrongSecret.get("errmsg").asString()).startsWith("invalid appsecret, rid: ");
    }

    @Test
    void tokenAndStableTokenWhenDailyQuotaUsedUpThen45009UntilTheNextDay() {
        wechat.close();
        wechat = TestSandbox.start(b -> b.wechatTokenDailyQuota(3));

        wechat.appToken(MINIPROGRAM);
        stableToken(MINIPROGRAM, false);
        wechat.appToken(MINIPROGRAM);
        JsonNode fourth = stableToken(MINIPROGRAM, false);
        JsonNode otherApp = stableToken(OFFICIAL_ACCOUNT, false);
        wechat.clock.advance(Duration.ofDays(1));

        assertThat(fourth.get("errcode").asInt()).isEqualTo(45009);
        assertThat(fourth.get("errmsg").asString()).matches("reach max api daily quota limit, rid: [0-9a-f-]{26}");
        assertThat(otherApp.has("access_token")).isTrue();
        assertThat(wechat.appToken(MINIPROGRAM)).isNotBlank();
    }

    @Test
    void invalidateTokensThenWeChatAppTokensAnswer40001AndFreshOnesAreIssued() {
        String plain = wechat.appToken(MINIPROGRAM);
        String stable = stableToken(MINIPROGRAM, false).get("access_token").asString();

        wechat.postJson("/sandbox/faults", "{\"type\":\"invalidate-tokens\"}");

        assertThat(tokenCheck(plain)).isEqualTo(40001);
        assertThat(tokenCheck(stable)).isEqualTo(40001);
        assertThat(stableToken(MINIPROGRAM, false).get("access_token").asString())
                .isNotEqualTo(stable);
        wechat.sandbox.invalidateTokens();
        assertThat(tokenCheck(wechat.appToken(MINIPROGRAM))).isEqualTo(40029);
    }
}
