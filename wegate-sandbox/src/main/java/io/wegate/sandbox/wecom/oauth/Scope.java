package io.wegate.sandbox.wecom.oauth;

import java.util.Arrays;
import java.util.Optional;

/**
 * OAuth scopes of the in-client authorize page, see <a
 * href="https://developer.work.weixin.qq.com/document/path/91022">构造网页授权链接</a>. The legacy
 * {@code snsapi_userinfo} is not listed by the current self-built app docs and is rejected like any unknown scope.
 */
public enum Scope {
    /** Silent; yields only the userid. */
    SNSAPI_BASE("snsapi_base"),
    /** Manual consent; additionally yields a user_ticket for {@code auth/getuserdetail}. */
    SNSAPI_PRIVATEINFO("snsapi_privateinfo");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
