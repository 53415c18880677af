package io.wegate.sandbox.wechat;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random opaque strings shaped like WeChat's: codes of 32 alphanumerics (as {@code wx.login} and the OAuth redirect
 * show them), tokens of a version prefix plus about 130 URL-safe characters (<a
 * href="https://developers.weixin.qq.com/doc/service/api/base/api_getaccesstoken">store at least 512</a>).
 * SecureRandom keeps them unguessable.
 */
public final class WeChatIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private WeChatIds() {}

    /** An OAuth, js or phone code: "0" plus 31 alphanumerics. */
    public static String code() {
        StringBuilder code = new StringBuilder("0");
        for (int i = 1; i < 32; i++) {
            code.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return code.toString();
    }

    /** An app or web-authorisation access_token, e.g. {@code 86_xxxx...} (store at least 512 characters, B4.1). */
    public static String accessToken() {
        return "86_" + random(99);
    }

    /** A refresh_token of the web authorisation. */
    public static String refreshToken() {
        return "86_" + random(99);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
