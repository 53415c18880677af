package io.wegate.sandbox;

import static io.wegate.sandbox.TestSandbox.MINIPROGRAM;
import static io.wegate.sandbox.TestSandbox.MINIPROGRAM_UNBOUND;
import static io.wegate.sandbox.TestSandbox.OFFICIAL_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WeChatMiniProgramTest {

    private final TestSandbox wechat = TestSandbox.start();

    @AfterEach
    void stop() {
        wechat.close();
    }

    private String jsCode(String appid, String user) {
        return wechat.mint("{\"flow\":\"wechat-miniprogram\",\"appid\":\"" + appid + "\",\"user\":\"" + user + "\"}");
    }

    private JsonNode login(String appid, String user) {
        return wechat.jscode2session(appid, jsCode(appid, user));
    }

    private JsonNode encryptedData(String user, String kind) {
        HttpResponse<String> response = wechat.send(
                "POST",
                "/sandbox/encrypted-data",
                "{\"appid\":\"" + MINIPROGRAM + "\",\"user\":\"" + user + "\",\"kind\":\"" + kind + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestSandbox.json(response);
    }

    /** What a server does with encryptedData (B3.2): AES-128-CBC, PKCS#7, key and IV base64-decoded. */
    private static JsonNode decrypt(JsonNode encrypted, String sessionKey) throws GeneralSecurityException {
        Base64.Decoder base64 = Base64.getDecoder();
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(base64.decode(sessionKey), "AES"),
                new IvParameterSpec(base64.decode(encrypted.get("iv").asString())));
        byte[] plain =
                cipher.doFinal(base64.decode(encrypted.get("encryptedData").asString()));
        return JsonMapper.builder().build().readTree(new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void jscode2sessionThenOpenidSessionKeyAndUnionidWithoutErrcode() {
        JsonNode body = login(MINIPROGRAM, "xiaoming");

        assertThat(body.has("errcode")).isFalse();
        assertThat(body.get("openid").asString())
                .isEqualTo(wechat.wechatUser("xiaoming").openidFor(MINIPROGRAM));
        assertThat(body.get("unionid").asString())
                .isEqualTo(wechat.wechatUser("xiaoming").unionid());
        assertThat(Base64.getDecoder().decode(body.get("session_key").asString()))
                .hasSize(16);
    }

    @Test
    void jscode2sessionWhenMiniProgramNotBoundToOpenPlatformThenNoUnionid() {
        JsonNode body = login(MINIPROGRAM_UNBOUND, "xiaoming");

        assertThat(body.get("openid").asString())
                .isEqualTo(wechat.wechatUser("xiaoming").openidFor(MINIPROGRAM_UNBOUND))
                .isNotEqualTo(wechat.wechatUser("xiaoming").openidFor(MINIPROGRAM));
        assertThat(body.has("unionid")).isFalse();
    }

    @Test
    void jscode2sessionWhenCodeUsedTwiceThen40163() {
        String code = jsCode(MINIPROGRAM, "xiaohong");

        wechat.jscode2session(MINIPROGRAM, code);
        JsonNode second = wechat.jscode2session(MINIPROGRAM, code);

        assertThat(second.get("errcode").asInt()).isEqualTo(40163);
        assertThat(second.get("errmsg").asString()).startsWith("code been used, rid: ");
    }

    @Test
    void jscode2sessionWhenCodeOfOtherAppOrExpiredOrUserBlockedThenErrcodes() {
        String otherApp = jsCode(MINIPROGRAM_UNBOUND, "xiaohong");
        String old = jsCode(MINIPROGRAM, "xiaohong");
        JsonNode blocked = login(MINIPROGRAM, "xiaohei");
        wechat.clock.advance(Duration.ofSeconds(301));

        assertThat(wechat.jscode2session(MINIPROGRAM, otherApp).get("errcode").asInt())
                .isEqualTo(40029);
        assertThat(wechat.jscode2session(MINIPROGRAM, old).get("errcode").asInt())
                .isEqualTo(40029);
        assertThat(blocked.get("errcode").asInt()).isEqualTo(40226);
        assertThat(blocked.get("errmsg").asString()).startsWith("code blocked");
        assertThat(wechat.jscode2session(OFFICIAL_ACCOUNT, jsCode(MINIPROGRAM, "amy"))
                        .get("errcode")
                        .asInt())
                .isEqualTo(40013);
    }

    @Test
    void jscode2sessionWhen101CallsForOneUserWithinAMinuteThen45011UntilTheNextMinute() {
        for (int i = 0; i < 100; i++) {
            assertThat(login(MINIPROGRAM, "laowang").has("session_key"))
                    .as("call " + (i + 1))
                    .isTrue();
        }
        String code = jsCode(MINIPROGRAM, "laowang");

        JsonNode limited = wechat.jscode2session(MINIPROGRAM, code);
        JsonNode otherUser = login(MINIPROGRAM, "amy");
        wechat.clock.advance(Duration.ofSeconds(60));
        JsonNode nextMinute = wechat.jscode2session(MINIPROGRAM, code);

        assertThat(limited.get("errcode").asInt()).isEqualTo(45011);
        assertThat(limited.get("errmsg").asString())
                .startsWith("api minute-quota reach limit, must slower, retry next minute, rid: ");
        assertThat(otherUser.has("session_key")).isTrue();
        assertThat(nextMinute.has("session_key")).as(nextMinute.toString()).isTrue();
    }

    @Test
    void encryptedDataThenDecryptsWithTheLatestSessionKeyToPhoneJsonWithWatermark() throws Exception {
        String oldKey = login(MINIPROGRAM, "xiaoming").get("session_key").asString();
        String newKey = login(MINIPROGRAM, "xiaoming").get("session_key").asString();

        JsonNode encrypted = encryptedData("xiaoming", "phone");
        JsonNode phone = decrypt(encrypted, newKey);

        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(phone.get("phoneNumber").asString()).isEqualTo("13912345601");
        assertThat(phone.get("purePhoneNumber").asString()).isEqualTo("13912345601");
        assertThat(phone.get("countryCode").isString()).isTrue();
        assertThat(phone.get("countryCode").asString()).isEqualTo("86");
        assertThat(phone.get("watermark").get("appid").asString()).isEqualTo(MINIPROGRAM);
        assertThat(phone.get("watermark").get("timestamp").asLong()).isEqualTo(TestSandbox.START.getEpochSecond());
        // The old key fails the padding check or yields garbage that is not JSON.
        assertThatThrownBy(() -> decrypt(encrypted, oldKey)).isInstanceOf(Exception.class);
    }

    @Test
    void encryptedDataWhenUserinfoThenSignedRawDataAndUnionid() throws Exception {
        String sessionKey = login(MINIPROGRAM, "amy").get("session_key").asString();

        JsonNode encrypted = encryptedData("amy", "userinfo");
        JsonNode info = decrypt(encrypted, sessionKey);
        byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1")
                .digest((encrypted.get("rawData").asString() + sessionKey).getBytes(StandardCharsets.UTF_8));

        assertThat(info.get("nickName").asString()).isEqualTo("Amy🌸");
        assertThat(info.get("openId").asString())
                .isEqualTo(wechat.wechatUser("amy").openidFor(MINIPROGRAM));
        assertThat(info.get("unionId").asString())
                .isEqualTo(wechat.wechatUser("amy").unionid());
        assertThat(encrypted.get("signature").asString())
                .isEqualTo(HexFormat.of().formatHex(sha1));
    }

    @Test
    void encryptedDataWhenNoSessionThen409AndWatermarkCanBeForged() throws Exception {
        HttpResponse<String> noSession = wechat.send(
                "POST",
                "/sandbox/encrypted-data",
                "{\"appid\":\"" + MINIPROGRAM + "\",\"user\":\"xiaohong\",\"kind\":\"phone\"}");
        String sessionKey = login(MINIPROGRAM, "xiaohong").get("session_key").asString();
        HttpResponse<String> forged = wechat.send(
                "POST",
                "/sandbox/encrypted-data",
                "{\"appid\":\"" + MINIPROGRAM + "\",\"user\":\"xiaohong\",\"kind\":\"phone\","
                        + "\"watermark_appid\":\"wx0000000000000000\"}");

        assertThat(noSession.statusCode()).isEqualTo(409);
        assertThat(TestSandbox.json(noSession).get("message").asString()).contains("/sns/jscode2session");
        assertThat(decrypt(TestSandbox.json(forged), sessionKey)
                        .get("watermark")
                        .get("appid")
                        .asString())
                .isEqualTo("wx0000000000000000");
    }

    @Test
    void getuserphonenumberWithStableTokenThenPhoneInfoOnceThen40029() {
        JsonNode stable = wechat.postJson(
                "/cgi-bin/stable_token",
                "{\"grant_type\":\"client_credential\",\"appid\":\"" + MINIPROGRAM + "\",\"secret\":\""
                        + wechat.wechatSecret(MINIPROGRAM) + "\",\"force_refresh\":false}");
        String path = "/wxa/business/getuserphonenumber?access_token="
                + stable.get("access_token").asString();
        String code = wechat.mint("{\"flow\":\"wechat-phone\",\"appid\":\"" + MINIPROGRAM + "\",\"user\":\"laowang\"}");

        JsonNode first = wechat.postJson(path, "{\"code\":\"" + code + "\"}");
        JsonNode second = wechat.postJson(path, "{\"code\":\"" + code + "\"}");

        assertThat(first.get("errcode").asInt()).isZero();
        JsonNode phone = first.get("phone_info");
        assertThat(phone.get("phoneNumber").asString()).isEqualTo("13912345604");
        assertThat(phone.get("purePhoneNumber").asString()).isEqualTo("13912345604");
        assertThat(phone.get("countryCode").asInt()).isEqualTo(86);
        assertThat(phone.get("watermark").get("appid").asString()).isEqualTo(MINIPROGRAM);
        assertThat(second.get("errcode").asInt()).isEqualTo(40029);
    }

    @Test
    void getuserphonenumberWhenTokenUnknownThen40001AndWhenOpenidMismatchThen40003() {
        String code = wechat.mint("{\"flow\":\"wechat-phone\",\"user\":\"laowang\"}");
        String token = wechat.appToken(MINIPROGRAM);

        JsonNode badToken =
                wechat.postJson("/wxa/business/getuserphonenumber?access_token=nope", "{\"code\":\"" + code + "\"}");
        JsonNode mismatch = wechat.postJson(
                "/wxa/business/getuserphonenumber?access_token=" + token,
                "{\"code\":\"" + code + "\",\"openid\":\"oSomeoneElse\"}");
        JsonNode matching = wechat.postJson(
                "/wxa/business/getuserphonenumber?access_token=" + token,
                "{\"code\":\"" + code + "\",\"openid\":\""
                        + wechat.wechatUser("laowang").openidFor(MINIPROGRAM) + "\"}");

        assertThat(badToken.get("errcode").asInt()).isEqualTo(40001);
        assertThat(badToken.get("errmsg").asString())
                .startsWith("invalid credential, access_token is invalid or not latest, rid: ");
        assertThat(mismatch.get("errcode").asInt()).isEqualTo(40003);
        assertThat(matching.get("errcode").asInt()).isZero();
    }

    @Test
    void checksessionWhenSignatureOfCurrentSessionKeyThenOkAndAfterANewLoginThen87009() throws Exception {
        JsonNode session = login(MINIPROGRAM, "xiaoming");
        String token = wechat.appToken(MINIPROGRAM);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
                session.get("session_key").asString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(new byte[0]));
        String check = "/wxa/checksession?access_token=" + token + "&openid="
                + session.get("openid").asString() + "&sig_method=hmac_sha256&signature=";

        JsonNode ok = wechat.getJson(check + signature.toUpperCase(java.util.Locale.ROOT));
        login(MINIPROGRAM, "xiaoming");
        JsonNode stale = wechat.getJson(check + signature);

        assertThat(ok.get("errcode").asInt()).isZero();
        assertThat(stale.get("errcode").asInt()).isEqualTo(87009);
    }

    @Test
    void codesWechatMiniprogramThenOpenidAndUnionidOfTheExchange() {
        JsonNode minted = wechat.mintJson("{\"flow\":\"wechat-miniprogram\",\"user\":\"xiaoming2\"}");

        JsonNode session = wechat.jscode2session(MINIPROGRAM, minted.get("code").asString());

        assertThat(minted.get("appid").asString()).isEqualTo(MINIPROGRAM);
        assertThat(minted.get("openid").asString())
                .isEqualTo(session.get("openid").asString());
        assertThat(minted.get("unionid").asString())
                .isEqualTo(session.get("unionid").asString());
    }
}
