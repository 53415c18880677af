package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.QueryString;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;
import java.util.StringJoiner;

/**
 * {@code GET /connect/qrconnect}: the website login's QR page in a desktop browser; the QR code carries the URL of the
 * phone page {@code /connect/confirm}. See <a
 * href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">网站应用微信登录</a>.
 */
public final class QrConnectPage implements Handler {

    public static final String PATH = "/connect/qrconnect";

    private final WeChatDirectory directory;

    public QrConnectPage(WeChatDirectory directory) {
        this.directory = directory;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            WebsiteLoginRequest login = WebsiteLoginRequest.parse(request.query(), directory);
            return SandboxResponse.html(200, WeChatOAuthHtml.qrPage(login, phoneUrl(request, login), directory));
        } catch (WeChatPageRejected e) {
            return WeChatOAuthHtml.rejected(e);
        }
    }

    private static String phoneUrl(SandboxRequest request, WebsiteLoginRequest login) {
        StringJoiner query = new StringJoiner("&");
        for (String name : WebsiteLoginRequest.PARAMS) {
            String value = login.params().get(name);
            if (value != null) {
                query.add(name + "=" + QueryString.encode(value));
            }
        }
        return "http://" + request.host() + WeChatOAuthHtml.CONFIRM_PATH + "?" + query;
    }
}
