package io.wegate.server.login;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.WeChatProperties.Kind;
import io.wegate.server.web.Pages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /login?return_to=...}: one entry point that picks the flow from the browser. Inside
 * the WeCom client ({@code wxwork} in the User-Agent) the in-client OAuth; inside WeChat
 * ({@code MicroMessenger}) the official account's OAuth; anywhere else a page offering the QR logins
 * that are configured. The per-flow URLs stay available.
 */
@RestController
class LoginEntryController {

    private final LoginApps apps;
    private final LoginPolicy policy;

    LoginEntryController(LoginApps apps, LoginPolicy policy) {
        this.apps = apps;
        this.policy = policy;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> entry(
            @RequestParam(value = "return_to", required = false) String returnTo,
            @RequestParam(value = "app", required = false) String app,
            @RequestParam(value = "upstream", required = false) String upstream,
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        String target = policy.returnTo(returnTo == null || returnTo.isEmpty() ? "/" : returnTo)
                .orElseThrow(() -> new ApiException(GatewayError.RETURN_TO_NOT_ALLOWED));
        Choice choice = Choice.of(apps, app, upstream);
        String rt = "?return_to=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        String ua = userAgent == null ? "" : userAgent.toLowerCase(java.util.Locale.ROOT);
        // the WeCom client also says MicroMessenger, so wxwork is checked first
        if (ua.contains("wxwork") && choice.wecom() != null) {
            return redirect("/login/wecom" + rt + choice.wecomApp());
        }
        if (ua.contains("micromessenger") && choice.officialAccount() != null) {
            return redirect("/login/wechat-mp" + rt + choice.officialAccountApp());
        }
        StringBuilder b = new StringBuilder("<h1>登录 / Log in</h1><div class=\"card\">");
        if (choice.wecom() != null) {
            b.append("<p><a class=\"btn\" id=\"login-wecom-qr\" href=\"/login/wecom-qr")
                    .append(Pages.esc(rt + choice.wecomApp()))
                    .append("\">企业微信扫码登录 / Log in with WeCom (QR)</a></p>");
        }
        if (choice.website() != null) {
            b.append("<p><a class=\"btn\" id=\"login-wechat-open\" href=\"/login/wechat-open")
                    .append(Pages.esc(rt + choice.websiteApp()))
                    .append("\">微信扫码登录 / Log in with WeChat (QR)</a></p>");
        }
        if (choice.wecom() == null && choice.website() == null) {
            b.append("<p>此处没有可用的扫码登录，请在企业微信或微信中打开本页。<br>")
                    .append("No QR login is configured here: open this page inside WeCom or WeChat.</p>");
        }
        b.append("</div>");
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Pages.layout("登录 / Log in", b.toString()));
    }

    /**
     * Which logins {@code /login} offers: every configured one, or those of the upstreams in {@code upstream}
     * ({@code wecom}, {@code wechat}, comma-separated), or only the app {@code app} names (by its id). An OpenID
     * Connect client's restrictions arrive this way; the authorization server enforces them again on the login that
     * comes back, so editing the URL gains nothing.
     */
    record Choice(
            LoginApps.WeComLoginApp wecom,
            LoginApps.WeChatLoginApp officialAccount,
            LoginApps.WeChatLoginApp website,
            boolean named) {

        static Choice of(LoginApps apps, String app, String upstream) {
            java.util.Set<String> upstreams = upstream == null || upstream.isBlank()
                    ? java.util.Set.of("wecom", "wechat")
                    : java.util.Set.of(
                            upstream.toLowerCase(java.util.Locale.ROOT).split("[ ,]+"));
            if (!java.util.Set.of("wecom", "wechat").containsAll(upstreams)) {
                throw new ApiException(GatewayError.INVALID_REQUEST, "upstream must be wecom and/or wechat");
            }
            boolean named = app != null && !app.isBlank();
            LoginApps.WeComLoginApp wecom = apps.wecom().stream()
                    .filter(a -> named ? a.id().equals(app) : true)
                    .findFirst()
                    .filter(a -> upstreams.contains("wecom"))
                    .orElse(null);
            LoginApps.WeChatLoginApp mp = wechat(apps, Kind.OFFICIAL_ACCOUNT, named ? app : null, upstreams);
            LoginApps.WeChatLoginApp web = wechat(apps, Kind.WEBSITE, named ? app : null, upstreams);
            if (named && wecom == null && mp == null && web == null) {
                throw new ApiException(GatewayError.UNKNOWN_APP, app);
            }
            return new Choice(wecom, mp, web, named);
        }

        private static LoginApps.WeChatLoginApp wechat(
                LoginApps apps, Kind kind, String id, java.util.Set<String> upstreams) {
            if (!upstreams.contains("wechat")) {
                return null;
            }
            return apps.wechat().stream()
                    .filter(a -> a.kind() == kind && (id == null || a.id().equals(id)))
                    .findFirst()
                    .orElse(null);
        }

        String wecomApp() {
            return named ? "&app=" + URLEncoder.encode(wecom.id(), StandardCharsets.UTF_8) : "";
        }

        String officialAccountApp() {
            return named ? "&app=" + URLEncoder.encode(officialAccount.id(), StandardCharsets.UTF_8) : "";
        }

        String websiteApp() {
            return named ? "&app=" + URLEncoder.encode(website.id(), StandardCharsets.UTF_8) : "";
        }
    }

    private static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
