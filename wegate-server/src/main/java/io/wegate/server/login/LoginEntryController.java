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
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        String target = policy.returnTo(returnTo == null || returnTo.isEmpty() ? "/" : returnTo)
                .orElseThrow(() -> new ApiException(GatewayError.RETURN_TO_NOT_ALLOWED));
        String rt = "?return_to=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        String ua = userAgent == null ? "" : userAgent.toLowerCase(java.util.Locale.ROOT);
        // the WeCom client also says MicroMessenger, so wxwork is checked first
        if (ua.contains("wxwork") && !apps.wecom().isEmpty()) {
            return redirect("/login/wecom" + rt);
        }
        if (ua.contains("micromessenger") && apps.has(Kind.OFFICIAL_ACCOUNT)) {
            return redirect("/login/wechat-mp" + rt);
        }
        StringBuilder b = new StringBuilder("<h1>登录 / Log in</h1><div class=\"card\">");
        if (!apps.wecom().isEmpty()) {
            b.append("<p><a class=\"btn\" id=\"login-wecom-qr\" href=\"/login/wecom-qr")
                    .append(Pages.esc(rt))
                    .append("\">企业微信扫码登录 / Log in with WeCom (QR)</a></p>");
        }
        if (apps.has(Kind.WEBSITE)) {
            b.append("<p><a class=\"btn\" id=\"login-wechat-open\" href=\"/login/wechat-open")
                    .append(Pages.esc(rt))
                    .append("\">微信扫码登录 / Log in with WeChat (QR)</a></p>");
        }
        if (apps.wecom().isEmpty() && !apps.has(Kind.WEBSITE)) {
            b.append("<p>此处没有可用的扫码登录，请在企业微信或微信中打开本页。<br>")
                    .append("No QR login is configured here: open this page inside WeCom or WeChat.</p>");
        }
        b.append("</div>");
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(Pages.layout("登录 / Log in", b.toString()));
    }

    private static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
