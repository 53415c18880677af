package io.wegate.sandbox.tooling;

import static io.wegate.sandbox.http.Html.escape;

import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.http.Html;
import io.wegate.sandbox.http.QueryString;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wecom.WeComDirectory;
import java.util.List;

/** {@code GET /}: what this server is, with a ready-made authorize link per app for trying the flow by hand. */
public final class IndexPage {

    private final WeComDirectory directory;

    public IndexPage(WeComDirectory directory) {
        this.directory = directory;
    }

    public SandboxResponse get(SandboxRequest request) {
        SandboxFixture fixture = directory.fixture();
        StringBuilder body = new StringBuilder()
                .append("<div class=\"logo\">企</div><h1>WeCom sandbox</h1><p class=\"sub\">")
                .append(escape(fixture.corpName()))
                .append(" · corpid <code>")
                .append(escape(fixture.corpId()))
                .append("</code></p><p>企业微信服务端 API 与网页授权页的本地模拟，用于测试、演示与压测。")
                .append(" A local simulator of the WeCom server API and its in-client OAuth page,")
                .append(" for tests, demos and benchmarks.</p><h2>Apps</h2><ul>");
        for (App app : fixture.apps()) {
            body.append("<li><p><strong>")
                    .append(escape(app.name()))
                    .append("</strong> · agentid <code>")
                    .append(escape(app.agentId()))
                    .append("</code><br><a href=\"")
                    .append(escape(authorizeLink(fixture, app)))
                    .append("\">Try the authorize page</a></p></li>");
        }
        body.append("</ul><h2>API</h2><ul>")
                .append(item("GET /cgi-bin/gettoken?corpid=&amp;corpsecret="))
                .append(item("GET /cgi-bin/auth/getuserinfo?access_token=&amp;code="))
                .append(item("POST /cgi-bin/auth/getuserdetail?access_token="))
                .append(item("GET /cgi-bin/user/get?access_token=&amp;userid="))
                .append(item("GET /connect/oauth2/authorize?appid=&amp;redirect_uri=&amp;response_type=code&amp;scope="
                        + "&amp;state=&amp;agentid="))
                .append("</ul><h2>Tooling</h2><ul>")
                .append("<li><a href=\"/sandbox/fixture\">GET /sandbox/fixture</a> (secrets included)</li>")
                .append(item("POST /sandbox/codes"))
                .append("<li><a href=\"/sandbox/stats\">GET /sandbox/stats</a> · DELETE /sandbox/stats</li>")
                .append("<li><a href=\"/sandbox/faults\">GET /sandbox/faults</a> · POST · DELETE</li>")
                .append("<li><a href=\"/sandbox/clock\">GET /sandbox/clock</a> · POST</li></ul>");
        return SandboxResponse.html(200, Html.page("WeCom sandbox", body.toString()));
    }

    private String authorizeLink(SandboxFixture fixture, App app) {
        List<String> domains = directory.trustedDomains(app.agentId());
        String redirect = "http://" + (domains.isEmpty() ? "localhost" : domains.getFirst()) + "/";
        return "/connect/oauth2/authorize?appid=" + QueryString.encode(fixture.corpId()) + "&redirect_uri="
                + QueryString.encode(redirect) + "&response_type=code&scope=snsapi_base&state=demo&agentid="
                + QueryString.encode(app.agentId()) + "#wechat_redirect";
    }

    private static String item(String escapedText) {
        return "<li><code>" + escapedText + "</code></li>";
    }
}
