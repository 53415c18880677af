package io.wegate.sandbox.wecom.oauth;

import static io.wegate.sandbox.http.Html.escape;

import io.wegate.sandbox.SandboxFixture.Department;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Html;
import io.wegate.sandbox.wecom.WeComDirectory;

/**
 * The pages of the in-client authorize flow: an identity picker standing in for "who is signed in to the WeCom client",
 * with the consent note of snsapi_privateinfo, and the error page. Every member button has the stable id
 * {@code member-<userid>} ({@code member-guest} for the non-member) so browser tests can click it.
 */
final class AuthorizeHtml {

    static final String CONFIRM_PATH = "/connect/oauth2/authorize/confirm";

    private AuthorizeHtml() {}

    static String picker(AuthorizeRequest request, WeComDirectory directory) {
        String appName = request.app() != null
                ? request.app().name()
                : directory.fixture().corpName();
        StringBuilder body = new StringBuilder()
                .append("<div class=\"logo\">企</div><h1>")
                .append(escape(appName))
                .append("</h1><p class=\"sub\">")
                .append(escape(directory.fixture().corpName()))
                .append("</p>");
        if (request.scope() == Scope.SNSAPI_PRIVATEINFO) {
            body.append("<div class=\"note\"><strong>该应用申请获取你的以下信息 / This app asks for:</strong><br>")
                    .append("头像、性别、手机、邮箱、企业邮箱、地址、二维码 / avatar, gender, mobile, email, business mail,")
                    .append(" address, QR code.<br>选择身份即表示 <strong>同意授权 / Allow</strong>.</div>");
        }
        if (request.downgraded()) {
            body.append("<div class=\"note\">未指定 agentid，snsapi_privateinfo 按 snsapi_base 处理 / Without agentid,")
                    .append(" snsapi_privateinfo is treated as snsapi_base.</div>");
        }
        body.append("<p class=\"sub\">选择登录身份 / Choose who is signed in to the WeCom client</p>")
                .append("<form method=\"post\" action=\"")
                .append(CONFIRM_PATH)
                .append("\">");
        for (String name : AuthorizeRequest.PARAMS) {
            String value = request.params().get(name);
            if (value != null) {
                body.append("<input type=\"hidden\" name=\"")
                        .append(name)
                        .append("\" value=\"")
                        .append(escape(value))
                        .append("\">");
            }
        }
        body.append("<ul>");
        for (Member member : directory.members()) {
            if (member.active()) {
                body.append(memberButton(request, member, directory));
            }
        }
        body.append("<li class=\"guest\"><button type=\"submit\" name=\"guest\" value=\"1\" id=\"member-guest\">")
                .append("<span class=\"avatar\">微</span><span class=\"who\">非成员微信用户")
                .append("<span class=\"dept\">A WeChat user who is not a member</span></span>")
                .append(allowLabel(request))
                .append("</button></li></ul></form>");
        return Html.page("企业微信授权 / WeCom authorization", body.toString());
    }

    static String rejected(AuthorizeRejected rejection) {
        String body = "<div class=\"logo\">企</div><h1>无法授权 / Cannot authorize</h1>"
                + "<div class=\"note error\"><strong>" + escape(rejection.chinese()) + "</strong><br>"
                + escape(rejection.english()) + "</div>";
        return Html.page("授权失败 / Authorization failed", body);
    }

    private static String memberButton(AuthorizeRequest request, Member member, WeComDirectory directory) {
        String department = directory
                .fixture()
                .department(member.mainDepartment())
                .map(Department::name)
                .orElse("");
        String range = request.app() == null || directory.canSee(request.app(), member)
                ? ""
                : " · 不在应用可见范围 / outside the app's visible range";
        return "<li><button type=\"submit\" name=\"userid\" value=\"" + escape(member.userid())
                + "\" id=\"member-" + escape(member.userid()) + "\"><span class=\"avatar\">"
                + escape(Character.toString(member.name().codePointAt(0))) + "</span><span class=\"who\">"
                + escape(member.name())
                + "<span class=\"dept\">" + escape(department) + " · " + escape(member.position())
                + escape(range) + "</span></span>" + allowLabel(request) + "</button></li>";
    }

    private static String allowLabel(AuthorizeRequest request) {
        return request.scope() == Scope.SNSAPI_PRIVATEINFO ? "<span class=\"allow\">同意授权 / Allow</span>" : "";
    }
}
