package io.wegate.server.site;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The home page: who is logged in, or a button to log in with WeCom. */
@RestController
class HomeController {

    private final BrowserSessions sessions;
    private final AccountStore accounts;
    private final LoginApps apps;

    HomeController(BrowserSessions sessions, AccountStore accounts, LoginApps apps) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.apps = apps;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String home(HttpServletRequest request) {
        Account account = sessions.current(request)
                .flatMap(l -> accounts.findAccount(l.accountId()))
                .orElse(null);
        StringBuilder b = new StringBuilder("<h1>wegate</h1>");
        if (apps.sandbox()) {
            b.append("<div class=\"card warn\" id=\"sandbox-banner\">沙箱模式：登录的是模拟的企业微信，不是真实企业。")
                    .append("<br>Sandbox mode: you log in against a simulated WeCom corp, not a real one.</div>");
        }
        if (account == null) {
            b.append("<div class=\"card\"><p>使用企业微信登录。<br>Log in with your WeCom account.</p>")
                    .append("<p><a class=\"btn\" id=\"login-wecom\" href=\"/login/wecom?return_to=/\">")
                    .append(apps.sandbox() ? "企业微信登录（沙箱）/ Log in with WeCom (sandbox)" : "企业微信登录 / Log in with WeCom")
                    .append("</a> <a class=\"btn secondary\" id=\"login-any\" href=\"/login?return_to=/\">")
                    .append("其他登录方式 / Other ways to log in</a></p></div>");
        } else {
            b.append("<div class=\"card\"><p>已登录 / Logged in as <strong id=\"account-name\">")
                    .append(Pages.esc(account.displayName()))
                    .append("</strong></p><p><small>account id: <code id=\"account-id\">")
                    .append(Pages.esc(account.id()))
                    .append("</code></small></p>")
                    .append("<p><button class=\"btn\" id=\"get-tokens\">获取令牌 / Get tokens</button> ")
                    .append("<button class=\"btn secondary\" id=\"logout\">退出 / Log out</button></p>")
                    .append("<pre id=\"tokens\" hidden></pre></div>")
                    .append(SCRIPT);
        }
        return Pages.layout("wegate", b.toString());
    }

    private static final String SCRIPT = """
            <script>
            document.getElementById('get-tokens').onclick = async () => {
              const r = await fetch('/api/v1/session/token', {method: 'POST', headers: {'X-Requested-With': 'wegate'}});
              const out = document.getElementById('tokens');
              out.textContent = JSON.stringify(await r.json(), null, 2);
              out.hidden = false;
            };
            document.getElementById('logout').onclick = async () => {
              await fetch('/api/v1/logout', {method: 'POST'});
              location.href = '/';
            };
            </script>
            """;
}
