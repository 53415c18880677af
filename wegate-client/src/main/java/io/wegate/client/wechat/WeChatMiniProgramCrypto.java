package io.wegate.client.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decrypts a mini program's {@code encryptedData}: AES-128-CBC with PKCS#7 padding, the session key
 * as key, the {@code iv} from the same front-end call; then checks that {@code watermark.appid} is
 * this app, so data encrypted for another app (with a leaked key) is refused.
 *
 * @see <a href="https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html">开放数据校验与解密</a>
 */
public final class WeChatMiniProgramCrypto {

    /** Why decryption was refused. */
    public enum Reason {
        /** encryptedData, iv or the session key is not valid base64 of the right length. */
        MALFORMED_INPUT,
        /** The padding or the JSON did not survive decryption: wrong key, wrong iv or altered data. */
        TAMPERED,
        /** The data was issued for another app. */
        WRONG_WATERMARK
    }

    /** Decryption refused; the message never contains the data or the key. */
    public static final class DecryptionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        DecryptionException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ENCRYPTED_CHARS = 16 * 1024;

    private WeChatMiniProgramCrypto() {}

    /** The decrypted JSON object, after the watermark check against {@code expectedAppId}. */
    public static JsonNode decrypt(String sessionKey, String encryptedData, String iv, String expectedAppId) {
        byte[] key = base64("session key", sessionKey, 16);
        byte[] ivBytes = base64("iv", iv, 16);
        if (encryptedData == null || encryptedData.length() > MAX_ENCRYPTED_CHARS) {
            throw new DecryptionException(Reason.MALFORMED_INPUT, "encryptedData is missing or too long");
        }
        byte[] data = base64("encryptedData", encryptedData, -1);
        if (data.length == 0 || data.length % 16 != 0) {
            throw new DecryptionException(Reason.MALFORMED_INPUT, "encryptedData is not whole AES blocks");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(ivBytes));
            plain = cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new DecryptionException(
                    Reason.TAMPERED, "encryptedData does not decrypt with this session key and iv");
        }
        JsonNode n;
        try {
            n = JSON.readTree(new String(plain, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw new DecryptionException(Reason.TAMPERED, "decrypted data is not a JSON object");
        }
        String appId = n.path("watermark").path("appid").asString("");
        if (!appId.equals(expectedAppId)) {
            throw new DecryptionException(Reason.WRONG_WATERMARK, "the data was issued for another app");
        }
        return n;
    }

    /** A phone number from a decrypted legacy payload or from {@code phone_info}. */
    public static WeChatPhoneNumber phone(JsonNode n) {
        JsonNode cc = n.get("countryCode");
        return new WeChatPhoneNumber(
                WeChatOAuthApi.text(n, "phoneNumber"),
                WeChatOAuthApi.text(n, "purePhoneNumber"),
                cc == null || cc.isNull() ? null : cc.asString(""),
                n.path("watermark").path("appid").asString(null));
    }

    private static byte[] base64(String name, String value, int expectedLength) {
        if (value == null || value.isEmpty()) {
            throw new DecryptionException(Reason.MALFORMED_INPUT, name + " is missing");
        }
        byte[] b;
        try {
            b = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException(Reason.MALFORMED_INPUT, name + " is not valid base64");
        }
        if (expectedLength > 0 && b.length != expectedLength) {
            throw new DecryptionException(Reason.MALFORMED_INPUT, name + " must be " + expectedLength + " bytes");
        }
        return b;
    }
}
