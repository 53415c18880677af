package io.wegate.sandbox.tooling;

import static io.wegate.sandbox.http.Html.escape;

import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.sandbox.http.Html;
import io.wegate.sandbox.http.QueryString;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.util.List;

/**
 * {@code GET /}: what this server is, with ready-made authorize and QR-login links per app for trying the flows by hand;
 * see <a href="https://developer.work.weixin.qq.com/document/path/91022">构造网页授权链接</a>.
 */
public final class IndexPage {

    private final WeComDirectory directory;
    private final WeChatDirectory wechat;

    public IndexPage(WeComDirectory directory, WeChatDirectory wechat) {
        this.directory = directory;
        this.wechat = wechat;
    }

    public SandboxResponse get(SandboxRequest request) {
        SandboxFixture fixture = directory.fixture();
        StringBuilder body = new StringBuilder()
                .append("<div class=\"logo\">企</div><h1>WeCom sandbox</h1><p class=\"sub\">")
                .append(escape(fixture.corpName()))
                .append(" · corpid <code>")
                .append(escape(fixture.corpId()))
                .append("</code></p><p>企业微信服务端 API 与网页授权页的本地模拟，用于测试、演示与压测。")
                .append(" A local simulator of the WeCom and WeChat server APIs and their login pages,")
                .append(" for tests, demos and benchmarks.</p><h2>WeCom apps</h2><ul>");
        for (App app : fixture.apps()) {
            body.append("<li><p><strong>")
                    .append(escape(app.name()))
                    .append("</strong> · agentid <code>")
                    .append(escape(app.agentId()))
                    .append("</code><br><a href=\"")
                    .append(escape(authorizeLink(fixture, app)))
                    .append("\">Try the authorize page</a> · <a href=\"")
                    .append(escape(qrLoginLink(fixture, app)))
                    .append("\">QR login</a></p></li>");
        }
        body.append("</ul><h2>Members · 成员</h2><p>As the corp's administrator: each change delivers the events a real"
                + " corp delivers to the configured callback URLs (<a href=\"/sandbox/callbacks\">deliveries</a>)."
                + "</p><ul>");
        for (SandboxFixture.Member m : directory.members()) {
            body.append("<li><p><strong>")
                    .append(escape(m.name()))
                    .append("</strong> <code>")
                    .append(escape(m.userid()))
                    .append("</code> · ")
                    .append(m.active() ? "active" : "status " + m.status());
            for (String action : m.active() ? new String[] {"disable", "delete"} : new String[] {"enable", "delete"}) {
                body.append(" <button type=\"button\" data-userid=\"")
                        .append(escape(m.userid()))
                        .append("\" data-action=\"")
                        .append(action)
                        .append("\">")
                        .append(action)
                        .append("</button>");
            }
            body.append("</p></li>");
        }
        body.append("</ul><script>document.querySelectorAll('button[data-action]').forEach(b => b.onclick = () =>"
                + " fetch('/sandbox/members', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({userid: b.dataset.userid, action: b.dataset.action})})"
                + ".then(() => location.reload()));</script>");
        body.append("<h2>WeChat apps</h2><ul>");
        for (WeChatFixture.App app : fixture.wechatApps()) {
            body.append("<li><p><strong>")
                    .append(escape(app.name()))
                    .append("</strong> · ")
                    .append(escape(app.kind().value()))
                    .append(" <code>")
                    .append(escape(app.appid()))
                    .append("</code>")
                    .append(wechatLink(app))
                    .append("</p></li>");
        }
        body.append("</ul><h2>API</h2><ul>")
                .append(item("GET /cgi-bin/gettoken?corpid=&amp;corpsecret="))
                .append(item(
                        "GET /cgi-bin/auth/getuserinfo?access_token=&amp;code= · legacy GET /cgi-bin/user/getuserinfo"))
                .append(item("POST /cgi-bin/auth/getuserdetail?access_token="))
                .append(item("GET /cgi-bin/user/get?access_token=&amp;userid="))
                .append(item("GET /connect/oauth2/authorize?appid=&amp;redirect_uri=&amp;response_type=code&amp;scope="
                        + "&amp;state=&amp;agentid="))
                .append(item("GET /wwlogin/sso/login?login_type=CorpApp&amp;appid=&amp;agentid=&amp;redirect_uri="
                        + "&amp;state= · GET /wwopen/sso/qrConnect"))
                .append(item("GET /cgi-bin/miniprogram/jscode2session?access_token=&amp;js_code=&amp;grant_type="))
                .append(item("GET /cgi-bin/department/list · simplelist · get · GET /cgi-bin/user/simplelist · list"
                        + " · POST /cgi-bin/user/list_id"))
                .append(item("GET /connect/qrconnect?appid=&amp;redirect_uri=&amp;response_type=code&amp;"
                        + "scope=snsapi_login&amp;state="))
                .append(item("GET /sns/oauth2/access_token · /sns/oauth2/refresh_token · /sns/userinfo · /sns/auth"))
                .append(item("GET /sns/jscode2session · POST /wxa/business/getuserphonenumber · GET /wxa/checksession"))
                .append(item("GET /cgi-bin/token · POST /cgi-bin/stable_token"))
                .append("</ul><h2>Tooling</h2><ul>")
                .append("<li><a href=\"/sandbox/fixture\">GET /sandbox/fixture</a> (secrets included)</li>")
                .append(item("POST /sandbox/codes"))
                .append(item("POST /sandbox/encrypted-data"))
                .append("<li><a href=\"/sandbox/stats\">GET /sandbox/stats</a> · DELETE /sandbox/stats</li>")
                .append("<li><a href=\"/sandbox/faults\">GET /sandbox/faults</a> · POST · DELETE</li>")
                .append("<li><a href=\"/sandbox/clock\">GET /sandbox/clock</a> · POST</li>")
                .append("<li><a href=\"/sandbox/callbacks\">GET /sandbox/callbacks</a> · POST (the console's"
                        + " callback settings)</li>")
                .append(item("POST /sandbox/members · POST /sandbox/wechat/revocations · POST/DELETE"
                        + " /sandbox/faults/callbacks"))
                .append("</ul>");
        return SandboxResponse.html(200, Html.page("WeCom / WeChat sandbox", body.toString()));
    }

    private String authorizeLink(SandboxFixture fixture, App app) {
        List<String> domains = directory.trustedDomains(app.agentId());
        String redirect = "http://" + (domains.isEmpty() ? "localhost" : domains.getFirst()) + "/";
        return "/connect/oauth2/authorize?appid=" + QueryString.encode(fixture.corpId()) + "&redirect_uri="
                + QueryString.encode(redirect) + "&response_type=code&scope=snsapi_base&state=demo&agentid="
                + QueryString.encode(app.agentId()) + "#wechat_redirect";
    }

    private String qrLoginLink(SandboxFixture fixture, App app) {
        List<String> domains = directory.trustedDomains(app.agentId());
        String redirect = "http://" + (domains.isEmpty() ? "localhost" : domains.getFirst()) + "/";
        return "/wwlogin/sso/login?login_type=CorpApp&appid=" + QueryString.encode(fixture.corpId()) + "&agentid="
                + QueryString.encode(app.agentId()) + "&redirect_uri=" + QueryString.encode(redirect) + "&state=demo";
    }

    /** A link to the app's sign-in page, for the kinds that have one. */
    private String wechatLink(WeChatFixture.App app) {
        List<String> domains = wechat.domains(app.appid());
        String redirect = QueryString.encode("http://" + (domains.isEmpty() ? "localhost" : domains.getFirst()) + "/");
        String appid = QueryString.encode(app.appid());
        return switch (app.kind()) {
            case OFFICIAL_ACCOUNT ->
                "<br><a href=\""
                        + escape("/connect/oauth2/authorize?appid=" + appid + "&redirect_uri=" + redirect
                                + "&response_type=code&scope=snsapi_userinfo&state=demo#wechat_redirect")
                        + "\">Try the consent page</a>";
            case WEBSITE ->
                "<br><a href=\""
                        + escape("/connect/qrconnect?appid=" + appid + "&redirect_uri=" + redirect
                                + "&response_type=code&scope=snsapi_login&state=demo#wechat_redirect")
                        + "\">Try the QR login</a>";
            case MINIPROGRAM -> app.unionidBound() ? "" : " · not bound to the Open Platform (no unionid)";
        };
    }

    private static String item(String escapedText) {
        return "<li><code>" + escapedText + "</code></li>";
    }
}
