package io.wegate.server.oidc;

import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.Login;
import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The person's side of the device flow (RFC 8628 section 3.3), in wegate's pages:
 *
 * <ul>
 *   <li>{@code GET /oauth2/device_verification} without a code: a form to type the code the device
 *       shows (the authorization server's filter takes the request once it has {@code user_code},
 *       after wegate's login);
 *   <li>{@code GET /oauth2/device_consent?state=…}: where the authorization server sends the person
 *       once the code is known — the app, the code and the scopes, to approve or refuse. Always
 *       asked, even for first-party apps: only the person can tell that the code is the one on their
 *       own device (section 5.4, remote phishing). The answer is a POST carrying the one-time
 *       {@code state} the authorization server bound to this person's login, so another site cannot
 *       answer for them.
 * </ul>
 */
@RestController
class DeviceVerificationPages {

    static final String CONSENT_PATH = "/oauth2/device_consent";

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    private static final OAuth2TokenType USER_CODE = new OAuth2TokenType(OAuth2ParameterNames.USER_CODE);

    private static final Map<String, String> SCOPES = Map.of(
            "openid", "确认您的身份 / Confirm who you are",
            "profile", "您的姓名、头像 / Your name and picture",
            "email", "您的邮箱 / Your email address",
            "phone", "您的手机号 / Your phone number",
            "wecom", "您的企业微信成员信息（部门、职务）/ Your WeCom membership (departments, position)",
            "wechat", "您的微信身份（unionid、openid）/ Your WeChat identity (unionid, openid)",
            "offline_access", "在您离开后继续访问 / Access while you are away");

    private final BrowserSessions sessions;
    private final OAuth2AuthorizationService authorizations;
    private final RegisteredClientRepository clients;

    DeviceVerificationPages(
            BrowserSessions sessions, OAuth2AuthorizationService authorizations, RegisteredClientRepository clients) {
        this.sessions = sessions;
        this.authorizations = authorizations;
        this.clients = clients;
    }

    @GetMapping(
            value = "/oauth2/device_verification",
            params = "!user_code",
            produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> enterCode() {
        String body = "<h1>设备登录 / Sign in a device</h1><div class=\"card\">"
                + "<form method=\"get\" action=\"/oauth2/device_verification\">"
                + "<p><label for=\"user-code\">输入设备上显示的代码 / Enter the code your device shows</label></p>"
                + "<p><input id=\"user-code\" name=\"user_code\" autocomplete=\"off\" autocapitalize=\"characters\""
                + " maxlength=\"16\" placeholder=\"XXXX-XXXX\" required></p>"
                + "<p><button class=\"btn\" id=\"user-code-submit\" type=\"submit\">继续 / Continue</button></p>"
                + "</form></div>";
        return page(HttpStatus.OK, "设备登录 / Sign in a device", body);
    }

    @GetMapping(value = CONSENT_PATH, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> consent(
            @RequestParam(value = "state", required = false) String state,
            @RequestParam(value = "user_code", required = false) String userCodeValue,
            HttpServletRequest request) {
        Optional<Login> login = sessions.current(request);
        OAuth2Authorization authorization =
                state == null || login.isEmpty() ? null : authorizations.findByToken(state, STATE);
        // the user code is stored as a hash only: the value shown is the one the authorization server
        // passed along, and it must be this authorization's
        OAuth2Authorization byUserCode = authorization == null || userCodeValue == null
                ? null
                : authorizations.findByToken(userCodeValue, USER_CODE);
        OAuth2Authorization.Token<OAuth2UserCode> userCode =
                byUserCode == null || !byUserCode.getId().equals(authorization.getId())
                        ? null
                        : byUserCode.getToken(OAuth2UserCode.class);
        RegisteredClient client =
                authorization == null ? null : clients.findById(authorization.getRegisteredClientId());
        if (userCode == null
                || client == null
                || userCode.isInvalidated()
                || !login.get().accountId().equals(authorization.getPrincipalName())) {
            return page(
                    HttpStatus.BAD_REQUEST,
                    "出错了 / Something went wrong",
                    "<h1>出错了 / Something went wrong</h1><div class=\"card err\"><p id=\"error-message-zh\">"
                            + "该设备登录请求已失效，请在设备上重新开始。</p><p id=\"error-message\">"
                            + "This device login is no longer pending: start again on the device.</p></div>");
        }
        Set<String> scopes = new TreeSet<>();
        Object requested = authorization.getAttribute(OAuth2ParameterNames.SCOPE);
        if (requested instanceof java.util.Collection<?> c) {
            c.forEach(s -> scopes.add(String.valueOf(s)));
        }
        String name = Pages.esc(OidcClientNames.of(client));
        StringBuilder b = new StringBuilder("<h1>设备登录确认 / Confirm the device sign-in</h1><div class=\"card\">");
        b.append("<p>应用 <strong id=\"device-client\">")
                .append(name)
                .append("</strong> 请求以您的身份在一台设备上登录。<br>The app <strong>")
                .append(name)
                .append("</strong> asks to sign in on a device as you.</p>");
        b.append("<p>设备代码 / Device code: <code id=\"device-user-code\">")
                .append(Pages.esc(userCode.getToken().getTokenValue()))
                .append("</code></p>");
        b.append("<div class=\"card warn\"><p>只有当您的设备上显示的正是这个代码时才批准。<br>"
                + "Approve only if your own device shows exactly this code.</p></div>");
        if (!scopes.isEmpty()) {
            b.append("<p>它将可以访问 / It will get:</p><ul id=\"device-scopes\">");
            scopes.forEach(s -> b.append("<li data-scope=\"")
                    .append(Pages.esc(s))
                    .append("\">")
                    .append(Pages.esc(SCOPES.getOrDefault(s, s)))
                    .append("</li>"));
            b.append("</ul>");
        }
        b.append(form(client, userCode.getToken().getTokenValue(), state, scopes, true));
        b.append(form(client, userCode.getToken().getTokenValue(), state, Set.of(), false));
        b.append("</div>");
        return page(HttpStatus.OK, "设备登录确认 / Confirm the device sign-in", b.toString());
    }

    private static String form(
            RegisteredClient client, String userCode, String state, Set<String> scopes, boolean approve) {
        StringBuilder f = new StringBuilder(
                "<form method=\"post\" action=\"/oauth2/device_verification\" style=\"display:inline\">");
        hidden(f, OAuth2ParameterNames.CLIENT_ID, client.getClientId());
        hidden(f, OAuth2ParameterNames.USER_CODE, userCode);
        hidden(f, OAuth2ParameterNames.STATE, state);
        scopes.forEach(s -> hidden(f, OAuth2ParameterNames.SCOPE, s));
        f.append(
                approve
                        ? "<button class=\"btn\" id=\"device-approve\" type=\"submit\">批准 / Approve</button> "
                        : "<button class=\"btn secondary\" id=\"device-deny\" type=\"submit\">拒绝 / Refuse</button>");
        return f.append("</form>").toString();
    }

    private static void hidden(StringBuilder f, String name, String value) {
        f.append("<input type=\"hidden\" name=\"")
                .append(Pages.esc(name))
                .append("\" value=\"")
                .append(Pages.esc(value))
                .append("\">");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .body(Pages.layout(title, body));
    }
}
