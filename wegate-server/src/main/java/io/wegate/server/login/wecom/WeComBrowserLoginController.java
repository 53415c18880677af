package io.wegate.server.login.wecom;

import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.client.wecom.WeComQrLoginUrl;
import io.wegate.server.login.BrowserLogins;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeCom browser logins: in-client web OAuth ({@code /login/wecom}) and the QR / website login for
 * desktop browsers ({@code /login/wecom-qr}); both end in a session and a redirect to return_to.
 */
@RestController
class WeComBrowserLoginController {

    static final String WEB = "wecom-web";
    static final String QR = "wecom-qr";

    private final BrowserLogins browser;
    private final LoginApps apps;
    private final WeComLoginService logins;

    WeComBrowserLoginController(BrowserLogins browser, LoginApps apps, WeComLoginService logins) {
        this.browser = browser;
        this.apps = apps;
        this.logins = logins;
    }

    @GetMapping("/login/wecom")
    ResponseEntity<Void> start(
            @RequestParam(value = "return_to", required = false) String returnTo,
            @RequestParam(value = "app", required = false) String appId,
            @RequestParam(value = "link_ticket", required = false) String linkTicket,
            HttpServletRequest request) {
        WeComLoginApp app = apps.wecom(appId);
        return browser.start(
                WEB,
                app.id(),
                returnTo,
                linkTicket,
                request,
                "/login/wecom/callback",
                (redirectUri, state) -> WeComOAuth2AuthorizeUrl.build(
                        app.urls().authorize(), app.app(), redirectUri, app.scope(), state));
    }

    @GetMapping("/login/wecom/callback")
    ResponseEntity<String> callback(
            @RequestParam(value = "code", required = false) String code,
            @RequestParam(value = "state", required = false) String state,
            HttpServletRequest request,
            HttpServletResponse response) {
        return browser.finish(
                WEB, code, state, request, response, (s, c) -> logins.exchange(apps.wecom(s.appId()), WEB, c));
    }

    @GetMapping("/login/wecom-qr")
    ResponseEntity<Void> startQr(
            @RequestParam(value = "return_to", required = false) String returnTo,
            @RequestParam(value = "app", required = false) String appId,
            @RequestParam(value = "link_ticket", required = false) String linkTicket,
            HttpServletRequest request) {
        WeComLoginApp app = apps.wecom(appId);
        WeComQrLoginUrl.Style style = app.urls().qrStyle();
        return browser.start(
                QR,
                app.id(),
                returnTo,
                linkTicket,
                request,
                "/login/wecom-qr/callback",
                (redirectUri, state) -> WeComQrLoginUrl.build(
                        style == WeComQrLoginUrl.Style.SSO_LOGIN
                                ? app.urls().sso()
                                : app.urls().qrConnect(),
                        style,
                        app.app(),
                        redirectUri,
                        state));
    }

    @GetMapping("/login/wecom-qr/callback")
    ResponseEntity<String> callbackQr(
            @RequestParam(value = "code", required = false) String code,
            @RequestParam(value = "state", required = false) String state,
            HttpServletRequest request,
            HttpServletResponse response) {
        return browser.finish(
                QR, code, state, request, response, (s, c) -> logins.exchange(apps.wecom(s.appId()), QR, c));
    }
}
