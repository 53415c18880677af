package io.wegate.server.login.wechat;

import io.wegate.client.wechat.WeChatOAuth2AuthorizeUrl;
import io.wegate.server.login.BrowserLogins;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.LoginApps.WeChatLoginApp;
import io.wegate.server.upstream.WeChatProperties.Kind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat browser logins: the official account's web OAuth inside WeChat ({@code /login/wechat-mp})
 * and the Open Platform website QR login ({@code /login/wechat-open}).
 */
@RestController
class WeChatBrowserLoginController {

    static final String MP = "wechat-mp";
    static final String OPEN = "wechat-open";

    private final BrowserLogins browser;
    private final LoginApps apps;
    private final WeChatLoginService logins;

    WeChatBrowserLoginController(BrowserLogins browser, LoginApps apps, WeChatLoginService logins) {
        this.browser = browser;
        this.apps = apps;
        this.logins = logins;
    }

    @GetMapping("/login/wechat-mp")
    ResponseEntity<Void> startMp(
            @RequestParam(value = "return_to", required = false) String returnTo,
            @RequestParam(value = "app", required = false) String appId,
            @RequestParam(value = "link_ticket", required = false) String linkTicket,
            HttpServletRequest request) {
        WeChatLoginApp app = apps.wechat(Kind.OFFICIAL_ACCOUNT, appId);
        return browser.start(
                MP,
                app.id(),
                returnTo,
                linkTicket,
                request,
                "/login/wechat-mp/callback",
                (redirectUri, state) -> WeChatOAuth2AuthorizeUrl.officialAccount(
                        app.authorizeBaseUrl(), app.app().appId(), redirectUri, app.scope(), state));
    }

    @GetMapping("/login/wechat-mp/callback")
    ResponseEntity<String> callbackMp(
            @RequestParam(value = "code", required = false) String code,
            @RequestParam(value = "state", required = false) String state,
            HttpServletRequest request,
            HttpServletResponse response) {
        return browser.finish(
                MP,
                code,
                state,
                request,
                response,
                (s, c) -> logins.exchangeWeb(apps.wechat(Kind.OFFICIAL_ACCOUNT, s.appId()), MP, c));
    }

    @GetMapping("/login/wechat-open")
    ResponseEntity<Void> startOpen(
            @RequestParam(value = "return_to", required = false) String returnTo,
            @RequestParam(value = "app", required = false) String appId,
            @RequestParam(value = "link_ticket", required = false) String linkTicket,
            HttpServletRequest request) {
        WeChatLoginApp app = apps.wechat(Kind.WEBSITE, appId);
        return browser.start(
                OPEN,
                app.id(),
                returnTo,
                linkTicket,
                request,
                "/login/wechat-open/callback",
                (redirectUri, state) -> WeChatOAuth2AuthorizeUrl.website(
                        app.authorizeBaseUrl(), app.app().appId(), redirectUri, state));
    }

    @GetMapping("/login/wechat-open/callback")
    ResponseEntity<String> callbackOpen(
            @RequestParam(value = "code", required = false) String code,
            @RequestParam(value = "state", required = false) String state,
            HttpServletRequest request,
            HttpServletResponse response) {
        return browser.finish(
                OPEN,
                code,
                state,
                request,
                response,
                (s, c) -> logins.exchangeWeb(apps.wechat(Kind.WEBSITE, s.appId()), OPEN, c));
    }
}
