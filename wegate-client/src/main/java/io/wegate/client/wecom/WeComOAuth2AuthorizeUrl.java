package io.wegate.client.wecom;

import io.wegate.client.internal.http.HttpTransport;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the in-client web OAuth URL ({@code /connect/oauth2/authorize ... #wechat_redirect}).
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/91022">构造网页授权链接</a>
 */
public final class WeComOAuth2AuthorizeUrl {

    /** The real host; every base URL is configurable so the sandbox can stand in. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://open.weixin.qq.com");

    /** state: only a-zA-Z0-9, at most 128 bytes (doc 91022). */
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9]{1,128}");

    /** The scopes of self-built apps; {@code snsapi_userinfo} is legacy. */
    public enum Scope {
        /** Silent: the UserID only. */
        SNSAPI_BASE("snsapi_base"),
        /** Consent screen: a user_ticket for mobile, email and the other sensitive fields. */
        SNSAPI_PRIVATEINFO("snsapi_privateinfo");

        private final String value;

        Scope(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** The scope named {@code value} (e.g. {@code snsapi_base}). */
        public static Scope of(String value) {
            for (Scope s : values()) {
                if (s.value.equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("scope must be snsapi_base or snsapi_privateinfo, not '" + value + "'");
        }
    }

    private WeComOAuth2AuthorizeUrl() {}

    /** Returns {@code state} if WeCom and WeChat echo it unchanged: 1 to 128 of a-zA-Z0-9. */
    public static String requireState(String state) {
        if (state == null || !STATE.matcher(state).matches()) {
            throw new IllegalArgumentException("state must be 1 to 128 characters of a-zA-Z0-9");
        }
        return state;
    }

    /** The URL to send the browser to; agentid is always passed, as the docs recommend. */
    public static URI build(URI baseUrl, WeComApp app, String redirectUri, Scope scope, String state) {
        Objects.requireNonNull(redirectUri, "redirectUri must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
        requireState(state);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", app.corpId());
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", scope.value());
        q.put("state", state);
        q.put("agentid", app.agentId());
        return URI.create(HttpTransport.uri(baseUrl, "/connect/oauth2/authorize", q) + "#wechat_redirect");
    }
}
