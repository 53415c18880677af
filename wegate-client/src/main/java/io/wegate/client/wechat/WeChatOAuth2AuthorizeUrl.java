package io.wegate.client.wechat;

import io.wegate.client.internal.http.HttpTransport;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the WeChat login URLs on {@code open.weixin.qq.com}: the official-account authorize page
 * (inside WeChat) and the Open Platform website QR page ({@code connect/qrconnect}).
 *
 * @see <a href="https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html">网页授权</a>
 * @see <a href="https://developers.weixin.qq.com/doc/oplatform/Website_App/WeChat_Login/Wechat_Login.html">网站应用微信登录</a>
 */
public final class WeChatOAuth2AuthorizeUrl {

    public static final URI DEFAULT_BASE_URL = URI.create("https://open.weixin.qq.com");

    /** Official-account scopes. */
    public enum Scope {
        /** Silent: the openid only. */
        SNSAPI_BASE("snsapi_base"),
        /** Consent popup: the profile through /sns/userinfo, and the unionid. */
        SNSAPI_USERINFO("snsapi_userinfo");

        private final String value;

        Scope(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Scope of(String value) {
            for (Scope s : values()) {
                if (s.value.equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("scope must be snsapi_base or snsapi_userinfo, not '" + value + "'");
        }
    }

    private WeChatOAuth2AuthorizeUrl() {}

    /** The official-account authorize URL, opened inside WeChat. */
    public static URI officialAccount(URI baseUrl, String appId, String redirectUri, Scope scope, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", appId);
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", scope.value());
        q.put("state", WeComOAuth2AuthorizeUrl.requireState(state));
        // connect_redirect=1 prevents the duplicate redirects WeChat is known for (WxJava adds it too)
        q.put("connect_redirect", "1");
        return URI.create(HttpTransport.uri(baseUrl, "/connect/oauth2/authorize", q) + "#wechat_redirect");
    }

    /** The website-app QR login URL ({@code snsapi_login}). */
    public static URI website(URI baseUrl, String appId, String redirectUri, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("appid", appId);
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", "snsapi_login");
        q.put("state", WeComOAuth2AuthorizeUrl.requireState(state));
        return URI.create(HttpTransport.uri(baseUrl, "/connect/qrconnect", q) + "#wechat_redirect");
    }
}
