package io.wegate.sandbox.wechat.oauth;

import static io.wegate.sandbox.http.Html.escape;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Html;
import io.wegate.sandbox.http.QrCodes;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;
import java.util.Map;

/**
 * The WeChat sign-in pages: the official account's in-app consent (buttons {@code wechat-user-<key>}, {@code
 * snapshot-<key>}, {@code wechat-deny}), the website login's QR page with a control playing the phone (buttons {@code
 * wechat-scan-<key>}, {@code wechat-deny}), the phone page alone, and the error page. See <a
 * href="https://developers.weixin.qq.com/doc/oplatform/developers/dev/auth/web.md">网站应用微信登录</a>.
 */
final class WeChatOAuthHtml {

    static final String CONSENT_PATH = "/connect/oauth2/authorize/consent";
    static final String CONFIRM_PATH = "/connect/confirm";

    private WeChatOAuthHtml() {}

    static String consent(OfficialAccountRequest request, WeChatDirectory directory) {
        boolean userinfo = request.scope() == WeChatScope.SNSAPI_USERINFO;
        StringBuilder body = new StringBuilder(header(request.app(), "公众号网页授权 / Official account sign-in"));
        if (userinfo) {
            body.append("<div class=\"note\"><strong>")
                    .append(escape(request.app().name()))
                    .append(" 申请获得以下权限 / asks for:</strong><br>获得你的公开信息（昵称、头像、地区及性别）")
                    .append(" / your public profile (nickname, avatar, region, sex).</div>");
        }
        body.append("<p class=\"sub\">选择你是哪位微信用户 / Choose which WeChat user you are</p>")
                .append("<form method=\"post\" action=\"")
                .append(CONSENT_PATH)
                .append("\">")
                .append(Html.hiddenFields(request.params(), OfficialAccountRequest.PARAMS))
                .append("<ul>");
        for (User user : directory.fixture().wechatUsers()) {
            body.append("<li>")
                    .append(userButton("user", "wechat-user-", user, userinfo ? "允许 / Allow" : "进入 / Continue"));
            if (userinfo) {
                body.append("<button type=\"submit\" name=\"snapshot\" value=\"")
                        .append(escape(user.key()))
                        .append("\" id=\"snapshot-")
                        .append(escape(user.key()))
                        .append("\" class=\"snapshot\">仅浏览快照页 / snapshot page only</button>");
            }
            body.append("</li>");
        }
        if (userinfo) {
            body.append(denyButton());
        }
        return Html.wechatPage(
                "微信授权 / WeChat authorization", body.append("</ul></form>").toString());
    }

    static String qrPage(WebsiteLoginRequest request, String phoneUrl, WeChatDirectory directory) {
        String body = header(request.app(), "微信登录 / Log in with WeChat")
                + "<div class=\"qr-layout\"><div class=\"qr\">" + QrCodes.svg(phoneUrl)
                + "请使用微信扫描二维码登录「" + escape(request.app().name()) + "」<br>Scan with WeChat<br><a href=\""
                + escape(phoneUrl) + "\">打开手机确认页 / open the phone page</a></div><div class=\"phone\">"
                + "<h2>模拟手机端 / Play the phone</h2>" + phoneForm(request, directory) + "</div></div>";
        return Html.wechatPage("微信登录 / Log in with WeChat", body);
    }

    static String phonePage(WebsiteLoginRequest request, WeChatDirectory directory) {
        String body = header(request.app(), "确认登录 / Confirm the login") + phoneForm(request, directory);
        return Html.wechatPage("确认登录 / Confirm login", body);
    }

    /** HTTP 400, filed in the stats under WeChat's error number (or {@code rejected} when the page shows none). */
    static SandboxResponse rejected(WeChatPageRejected rejection) {
        String number = rejection.number() == WeChatPageRejected.NO_NUMBER ? "" : rejection.number() + " ";
        String body = "<div class=\"logo wx\">微</div><h1>无法访问 / Cannot continue</h1><div class=\"note error\">"
                + "<strong>" + escape(number + rejection.chinese()) + "</strong><br>" + escape(rejection.english())
                + "</div>";
        String key = number.isEmpty() ? "rejected" : String.valueOf(rejection.number());
        return SandboxResponse.html(400, Html.wechatPage("出错了 / Error", body)).withErrorKey(key);
    }

    /** The form fields of a POST, or a rejection for a body that is not a form. */
    static Map<String, String> form(SandboxRequest request) {
        try {
            return request.form();
        } catch (IllegalArgumentException e) {
            throw new WeChatPageRejected(
                    WeChatPageRejected.NO_NUMBER,
                    "请求格式错误",
                    "the form body is not valid application/x-www-form-urlencoded");
        }
    }

    private static String header(App app, String subtitle) {
        return "<div class=\"logo wx\">微</div><h1>" + escape(app.name()) + "</h1><p class=\"sub\">" + escape(subtitle)
                + "</p>";
    }

    private static String phoneForm(WebsiteLoginRequest request, WeChatDirectory directory) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"" + CONFIRM_PATH + "\">")
                .append(Html.hiddenFields(request.params(), WebsiteLoginRequest.PARAMS))
                .append("<ul>");
        for (User user : directory.fixture().wechatUsers()) {
            form.append("<li>")
                    .append(userButton("user", "wechat-scan-", user, "确认登录 / Log in as " + user.nickname()))
                    .append("</li>");
        }
        return form.append(denyButton()).append("</ul></form>").toString();
    }

    private static String userButton(String name, String idPrefix, User user, String action) {
        String region = (user.province() + " " + user.city()).trim();
        return "<button type=\"submit\" name=\"" + name + "\" value=\"" + escape(user.key()) + "\" id=\"" + idPrefix
                + escape(user.key()) + "\"><span class=\"avatar\">"
                + escape(Character.toString(user.nickname().codePointAt(0))) + "</span><span class=\"who\">"
                + escape(user.nickname()) + "<span class=\"dept\">" + escape(user.key())
                + (region.isEmpty() ? "" : " · " + escape(region)) + "</span></span><span class=\"allow\">"
                + escape(action) + "</span></button>";
    }

    private static String denyButton() {
        return "<li><button type=\"submit\" name=\"deny\" value=\"1\" id=\"wechat-deny\" class=\"deny\">拒绝 / Deny"
                + "</button></li>";
    }
}
