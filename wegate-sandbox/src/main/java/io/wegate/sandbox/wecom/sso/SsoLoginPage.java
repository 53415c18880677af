package io.wegate.sandbox.wecom.sso;

import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.QueryString;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.oauth.AuthorizePage;
import io.wegate.sandbox.wecom.oauth.AuthorizeRejected;
import java.util.StringJoiner;

/**
 * {@code GET /wwlogin/sso/login} (current, <a href="https://developer.work.weixin.qq.com/document/path/98152">doc
 * 98152</a>) and {@code GET /wwopen/sso/qrConnect} (legacy, doc 91019): the QR login page of a desktop browser.
 */
public final class SsoLoginPage implements Handler {

    public static final String PATH = "/wwlogin/sso/login";
    public static final String LEGACY_PATH = "/wwopen/sso/qrConnect";

    private final WeComDirectory directory;
    private final boolean legacy;

    /** @param legacy whether this serves the legacy qrConnect URL, which has no login_type */
    public SsoLoginPage(WeComDirectory directory, boolean legacy) {
        this.directory = directory;
        this.legacy = legacy;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request) {
        try {
            SsoLoginRequest login = SsoLoginRequest.parse(request.query(), directory, !legacy);
            return SandboxResponse.html(200, SsoHtml.qrPage(login, phoneUrl(request, login), directory));
        } catch (AuthorizeRejected e) {
            return AuthorizePage.rejectedPage(e);
        }
    }

    /** The absolute URL a phone opens after scanning: the phone page, carrying the same parameters. */
    static String phoneUrl(SandboxRequest request, SsoLoginRequest login) {
        StringJoiner query = new StringJoiner("&");
        for (String name : SsoLoginRequest.PARAMS) {
            String value = login.params().get(name);
            if (value != null) {
                query.add(name + "=" + QueryString.encode(value));
            }
        }
        return "http://" + request.host() + SsoHtml.CONFIRM_PATH + "?" + query;
    }
}
