package io.wegate.sandbox.wechat.oauth;

import java.util.Arrays;
import java.util.Optional;

/**
 * OAuth scopes of WeChat: the official account's {@code snsapi_base} / {@code snsapi_userinfo} (<a
 * href="https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html">网页授权</a>)
 * and the website app's {@code snsapi_login}.
 */
public enum WeChatScope {
    /** Silent; openid only, no unionid, no /sns/userinfo. */
    SNSAPI_BASE("snsapi_base"),
    /** Consent popup; allows /sns/userinfo. */
    SNSAPI_USERINFO("snsapi_userinfo"),
    /** Website QR login; allows /sns/userinfo. */
    SNSAPI_LOGIN("snsapi_login");

    private final String value;

    WeChatScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<WeChatScope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
