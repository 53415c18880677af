package io.wegate.sandbox.wechat.miniprogram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mini program's open-data cryptography (fact sheet B3.2, B3.4): {@code encryptedData} is AES-128-CBC with PKCS#7
 * padding under the base64-decoded session_key; {@code rawData} is signed with SHA-1; login-state signatures are
 * HMAC-SHA256. See <a href="https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html">开放数据校验与解密</a>.
 */
public final class OpenData {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenData() {}

    /** What {@code wx.getPhoneNumber} / {@code wx.getUserInfo} hand the client: base64 ciphertext and IV. */
    public record Encrypted(String encryptedData, String iv) {}

    public static Encrypted encrypt(String sessionKey, String plaintextJson) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        try {
            // Java's PKCS5Padding on a 16-byte block cipher is exactly PKCS#7.
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
                    new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintextJson.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new Encrypted(base64.encodeToString(ciphertext), base64.encodeToString(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC is part of every JDK", e);
        }
    }

    /** {@code sha1(rawData + session_key)}, hex: the {@code signature} of {@code wx.getUserInfo}. */
    public static String rawDataSignature(String rawData, String sessionKey) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1").digest((rawData + sessionKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * The login-state signature {@code hmac_sha256(message, session_key)}, lower-case hex. The docs leave open whether
     * the key is the base64 string or its decoded 16 bytes (B3.4); the sandbox uses the UTF-8 bytes of the base64
     * string, as WxJava does, which is also the form that reproduces the doc's test vector ({@code {"foo":"bar"}} with
     * {@code o0q0otL8aEzpcZL/FT9WsQ==} gives {@code 654571f7...}).
     */
    public static String loginStateSignature(String sessionKey, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
