package io.wegate.server.oidc;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.Login;
import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oauth2/consent?client_id&scope&state}: the consent page the authorization server sends
 * a person to when a client that is not first-party asks for scopes they have not granted it (or
 * sends {@code prompt=consent}). It names the client and says in words (Chinese and English) what
 * each scope gives it; "Allow" and "Deny" post the decision, with the authorization's {@code state},
 * back to {@code /oauth2/authorize}. The page shows only an authorization pending for this very
 * browser login, with the scopes that authorization asked for (not those of the URL).
 */
@RestController
class ConsentPageController {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    /** The client setting with the display name (see CONTRACTS: "wegate.client-name"). */
    static final String CLIENT_NAME = "wegate.client-name";

    private final BrowserSessions sessions;
    private final OAuth2AuthorizationService authorizations;
    private final OAuth2AuthorizationConsentService consents;
    private final RegisteredClientRepository clients;

    ConsentPageController(
            BrowserSessions sessions,
            OAuth2AuthorizationService authorizations,
            OAuth2AuthorizationConsentService consents,
            RegisteredClientRepository clients) {
        this.sessions = sessions;
        this.authorizations = authorizations;
        this.consents = consents;
        this.clients = clients;
    }

    static String nameOf(RegisteredClient client) {
        Object name = client.getClientSettings().getSetting(CLIENT_NAME);
        return name instanceof String s && !s.isBlank() ? s : client.getClientId();
    }

    @GetMapping(value = OidcClaimsConfiguration.CONSENT_PAGE, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> consent(
            HttpServletRequest request,
            @RequestParam(value = OAuth2ParameterNames.CLIENT_ID, required = false) String clientId,
            @RequestParam(value = OAuth2ParameterNames.STATE, required = false) String state) {
        Optional<Login> login = sessions.current(request);
        if (login.isEmpty()) {
            return page(HttpStatus.UNAUTHORIZED, Pages.error(new ApiException(GatewayError.NOT_LOGGED_IN), null, null));
        }
        OAuth2Authorization pending = state == null ? null : authorizations.findByToken(state, STATE);
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        OAuth2AuthorizationRequest asked =
                pending == null ? null : pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
        if (pending == null
                || asked == null
                || client == null
                || !client.getId().equals(pending.getRegisteredClientId())
                || !(pending.getAttribute(Principal.class.getName()) instanceof OidcLoginAuthentication shown)
                || !shown.login().id().equals(login.get().id())) {
            return page(
                    HttpStatus.BAD_REQUEST,
                    Pages.error(
                            new ApiException(
                                    GatewayError.INVALID_REQUEST,
                                    "no authorization is waiting for consent in this browser (it expired or was"
                                            + " answered); start again from the application"),
                            null,
                            null));
        }
        OAuth2AuthorizationConsent before = consents.findById(client.getId(), shown.getName());
        Set<String> granted = before == null ? Set.of() : before.getScopes();
        Set<String> scopes = new TreeSet<>(
                java.util.Comparator.comparingInt(OidcScopes::order).thenComparing(s -> s));
        scopes.addAll(asked.getScopes());
        String name = nameOf(client);
        StringBuilder b = new StringBuilder();
        b.append("<h1>授权 / Allow access</h1><div class=\"card\">");
        b.append("<p><strong id=\"consent-client\">")
                .append(Pages.esc(name))
                .append("</strong> 请求访问您的 wegate 账号：<br>")
                .append("<strong>")
                .append(Pages.esc(name))
                .append("</strong> wants to access your wegate account:</p><ul id=\"consent-scopes\">");
        for (String s : scopes) {
            String[] words = OidcScopes.words(s);
            b.append("<li data-scope=\"")
                    .append(Pages.esc(s))
                    .append("\">")
                    .append(Pages.esc(words[0]))
                    .append(" / ")
                    .append(Pages.esc(words[1]));
            if (granted.contains(s)) {
                b.append(" <small>（已授权 / granted before）</small>");
            }
            b.append("</li>");
        }
        b.append("</ul><p><small>client_id: <code>")
                .append(Pages.esc(client.getClientId()))
                .append("</code></small></p></div>");
        b.append("<form method=\"post\" action=\"/oauth2/authorize\" style=\"display:inline\">");
        hidden(b, OAuth2ParameterNames.CLIENT_ID, client.getClientId());
        hidden(b, OAuth2ParameterNames.STATE, state);
        for (String s : scopes) {
            hidden(b, OAuth2ParameterNames.SCOPE, s);
        }
        b.append("<button class=\"btn\" id=\"consent-approve\" type=\"submit\">允许 / Allow</button></form> ");
        b.append("<form method=\"post\" action=\"/oauth2/authorize\" style=\"display:inline\">");
        hidden(b, OAuth2ParameterNames.CLIENT_ID, client.getClientId());
        hidden(b, OAuth2ParameterNames.STATE, state);
        b.append("<button class=\"btn secondary\" id=\"consent-deny\" type=\"submit\">拒绝 / Deny</button></form>");
        b.append("<p><small>您可以随时在 <a href=\"/account/consents\">已授权的应用</a> 中撤销。 ")
                .append("You can revoke this at any time under <a href=\"/account/consents\">authorised apps</a>.")
                .append("</small></p>");
        return page(HttpStatus.OK, Pages.layout("授权 / Allow access", b.toString()));
    }

    private static void hidden(StringBuilder b, String name, String value) {
        b.append("<input type=\"hidden\" name=\"")
                .append(Pages.esc(name))
                .append("\" value=\"")
                .append(Pages.esc(value))
                .append("\">");
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .body(html);
    }
}
