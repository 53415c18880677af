package io.wegate.client.wecom;

import io.wegate.client.internal.http.HttpTransport;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the WeCom QR / website login URL for a normal browser: the current
 * {@code login.work.weixin.qq.com/wwlogin/sso/login} ({@code login_type=CorpApp}) or the older
 * {@code open.work.weixin.qq.com/wwopen/sso/qrConnect}. The code is exchanged with getuserinfo.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/98152">构造网页登录链接</a>
 */
public final class WeComQrLoginUrl {

    /** The real hosts; both configurable so that the sandbox can stand in. */
    public static final URI DEFAULT_SSO_BASE_URL = URI.create("https://login.work.weixin.qq.com");

    public static final URI DEFAULT_QR_CONNECT_BASE_URL = URI.create("https://open.work.weixin.qq.com");

    /** Which login page. */
    public enum Style {
        /** {@code /wwlogin/sso/login?login_type=CorpApp}: the current page (QR and desktop quick login). */
        SSO_LOGIN,
        /** {@code /wwopen/sso/qrConnect}: the older QR page. */
        QR_CONNECT
    }

    private WeComQrLoginUrl() {}

    public static URI build(URI baseUrl, Style style, WeComApp app, String redirectUri, String state) {
        Objects.requireNonNull(style, "style must not be null");
        Objects.requireNonNull(redirectUri, "redirectUri must not be null");
        Map<String, String> q = new LinkedHashMap<>();
        if (style == Style.SSO_LOGIN) {
            q.put("login_type", "CorpApp");
        }
        q.put("appid", app.corpId());
        q.put("agentid", app.agentId());
        q.put("redirect_uri", redirectUri);
        q.put("state", WeComOAuth2AuthorizeUrl.requireState(state));
        String path = style == Style.SSO_LOGIN ? "/wwlogin/sso/login" : "/wwopen/sso/qrConnect";
        return HttpTransport.uri(baseUrl, path, q);
    }
}
