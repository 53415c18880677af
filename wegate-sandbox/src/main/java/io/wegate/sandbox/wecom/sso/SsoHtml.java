package io.wegate.sandbox.wecom.sso;

import static io.wegate.sandbox.http.Html.escape;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Html;
import io.wegate.sandbox.http.QrCodes;
import io.wegate.sandbox.wecom.WeComDirectory;

/**
 * The pages of the QR login: the desktop page with a real QR code (it encodes the phone page's URL) and, beside it, a
 * control that plays the phone; the phone page alone; the "no permission" answer. Buttons have stable ids:
 * {@code scan-<userid>} and {@code deny}.
 */
final class SsoHtml {

    static final String CONFIRM_PATH = "/wwlogin/sso/confirm";

    private SsoHtml() {}

    static String qrPage(SsoLoginRequest request, String phoneUrl, WeComDirectory directory) {
        String body = header(request.app(), directory)
                + "<div class=\"qr-layout\"><div class=\"qr\">" + QrCodes.svg(phoneUrl)
                + "请使用企业微信扫描二维码登录<br>Scan with the WeCom app<br><a href=\"" + escape(phoneUrl)
                + "\">打开手机确认页 / open the phone page</a></div><div class=\"phone\">"
                + "<h2>模拟手机端 / Play the phone</h2>" + phoneForm(request, directory) + "</div></div>";
        return Html.page("企业微信登录 / Log in with WeCom", body);
    }

    static String phonePage(SsoLoginRequest request, WeComDirectory directory) {
        String body = header(request.app(), directory) + "<p class=\"sub\">确认登录 / Confirm the login as</p>"
                + phoneForm(request, directory);
        return Html.page("确认登录 / Confirm login", body);
    }

    static String noPermission(Member member, App app) {
        String body = "<div class=\"logo\">企</div><h1>无权限 / No permission</h1><div class=\"note error\"><strong>"
                + escape(member.name()) + " 没有权限登录「" + escape(app.name()) + "」，请联系管理员</strong><br>"
                + escape(member.userid()) + " is outside the app's visible range (可见范围).</div>";
        return Html.page("无权限 / No permission", body);
    }

    private static String header(App app, WeComDirectory directory) {
        return "<div class=\"logo\">企</div><h1>" + escape(app.name()) + "</h1><p class=\"sub\">"
                + escape(directory.fixture().corpName()) + "</p>";
    }

    private static String phoneForm(SsoLoginRequest request, WeComDirectory directory) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"" + CONFIRM_PATH + "\">")
                .append(Html.hiddenFields(request.params(), SsoLoginRequest.PARAMS))
                .append("<ul>");
        for (Member member : directory.members()) {
            if (member.active()) {
                form.append(memberButton(member, request.app(), directory));
            }
        }
        return form.append("<li><button type=\"submit\" name=\"deny\" value=\"1\" id=\"deny\" class=\"deny\">")
                .append("拒绝 / Deny</button></li></ul></form>")
                .toString();
    }

    private static String memberButton(Member member, App app, WeComDirectory directory) {
        String department = directory
                .fixture()
                .department(member.mainDepartment())
                .map(Department::name)
                .orElse("");
        String range = directory.canSee(app, member) ? "" : " · 不在应用可见范围 / outside the visible range";
        return "<li><button type=\"submit\" name=\"userid\" value=\"" + escape(member.userid()) + "\" id=\"scan-"
                + escape(member.userid()) + "\"><span class=\"avatar\">"
                + escape(Character.toString(member.name().codePointAt(0))) + "</span><span class=\"who\">"
                + escape(member.name()) + "<span class=\"dept\">" + escape(department) + escape(range)
                + "</span></span><span class=\"allow\">扫码登录 / Scan as " + escape(member.name())
                + "</span></button></li>";
    }
}
