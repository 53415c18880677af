package io.wegate.server.oidc;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.login.ServerSecrets;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.Login;
import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consents a person gave relying parties, and their revocation:
 *
 * <ul>
 *   <li>{@code GET /api/v1/me/consents} and {@code DELETE /api/v1/me/consents/{client_id}} with a
 *       Bearer access token of wegate's own login (an application's access token, which carries
 *       {@code client_id}, is refused: one application must not see or end another's consent);
 *   <li>{@code GET /account/consents}, a page for the browser session, whose "Revoke" buttons post to
 *       {@code POST /account/consents/revoke} with a form token bound to the login (and never from a
 *       cross-site form).
 * </ul>
 *
 * A revoked consent asks for the page again at the next authorization; the client's refresh tokens
 * stop refreshing ({@code invalid_grant}) and its access tokens get nothing more from UserInfo.
 */
@RestController
class ConsentsController {

    private final OAuth2AuthorizationConsentService consents;
    private final RegisteredClientRepository clients;
    private final JdbcClient jdbc;
    private final BrowserSessions sessions;
    private final ServerSecrets secrets;

    ConsentsController(
            OAuth2AuthorizationConsentService consents,
            RegisteredClientRepository clients,
            JdbcClient jdbc,
            BrowserSessions sessions,
            ServerSecrets secrets) {
        this.consents = consents;
        this.clients = clients;
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.secrets = secrets;
    }

    @GetMapping("/api/v1/me/consents")
    Map<String, Object> list(@AuthenticationPrincipal Jwt jwt) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Granted g : granted(ownAccount(jwt))) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("client_id", g.client().getClientId());
            one.put("client_name", ConsentPageController.nameOf(g.client()));
            one.put("scopes", g.scopes());
            out.add(one);
        }
        return Map.of("consents", out);
    }

    @DeleteMapping("/api/v1/me/consents/{clientId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable String clientId) {
        if (!revoke(ownAccount(jwt), clientId)) {
            throw new ApiException(GatewayError.NO_SUCH_CONSENT);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/account/consents", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> page(HttpServletRequest request) {
        Optional<Login> login = sessions.current(request);
        if (login.isEmpty()) {
            return html(
                    HttpStatus.UNAUTHORIZED,
                    Pages.error(
                            new ApiException(GatewayError.NOT_LOGGED_IN), null, "/login?return_to=/account/consents"));
        }
        StringBuilder b = new StringBuilder("<h1>已授权的应用 / Authorised apps</h1>");
        List<Granted> all = granted(login.get().accountId());
        if (all.isEmpty()) {
            b.append("<div class=\"card\"><p id=\"no-consents\">您尚未授权任何应用。<br>")
                    .append("You have not authorised any application.</p></div>");
        }
        String token = formToken(login.get());
        for (Granted g : all) {
            b.append("<div class=\"card\" data-client=\"")
                    .append(Pages.esc(g.client().getClientId()))
                    .append("\"><p><strong>")
                    .append(Pages.esc(ConsentPageController.nameOf(g.client())))
                    .append("</strong> <small><code>")
                    .append(Pages.esc(g.client().getClientId()))
                    .append("</code></small></p><ul>");
            for (String s : g.scopes()) {
                String[] w = OidcScopes.words(s);
                b.append("<li>")
                        .append(Pages.esc(w[0]))
                        .append(" / ")
                        .append(Pages.esc(w[1]))
                        .append("</li>");
            }
            b.append("</ul><form method=\"post\" action=\"/account/consents/revoke\">")
                    .append("<input type=\"hidden\" name=\"client_id\" value=\"")
                    .append(Pages.esc(g.client().getClientId()))
                    .append("\"><input type=\"hidden\" name=\"token\" value=\"")
                    .append(Pages.esc(token))
                    .append("\"><button class=\"btn secondary\" type=\"submit\">撤销 / Revoke</button></form></div>");
        }
        return html(HttpStatus.OK, Pages.layout("已授权的应用 / Authorised apps", b.toString()));
    }

    @PostMapping(value = "/account/consents/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> revokeFromPage(
            HttpServletRequest request,
            @RequestParam(value = "client_id", required = false) String clientId,
            @RequestParam(value = "token", required = false) String token) {
        Optional<Login> login = sessions.current(request);
        if (login.isEmpty()) {
            return html(HttpStatus.UNAUTHORIZED, Pages.error(new ApiException(GatewayError.NOT_LOGGED_IN), null, null));
        }
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))
                || token == null
                || !MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.US_ASCII),
                        formToken(login.get()).getBytes(StandardCharsets.US_ASCII))) {
            return html(
                    HttpStatus.FORBIDDEN,
                    Pages.error(
                            new ApiException(GatewayError.INVALID_REQUEST, "the form is not from this page"),
                            null,
                            "/account/consents"));
        }
        if (clientId == null || !revoke(login.get().accountId(), clientId)) {
            return html(
                    HttpStatus.NOT_FOUND,
                    Pages.error(new ApiException(GatewayError.NO_SUCH_CONSENT), null, "/account/consents"));
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, "/account/consents")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** The account of a token of wegate's own login; an application's token is refused. */
    private static String ownAccount(Jwt jwt) {
        if (jwt.getClaimAsString("client_id") != null) {
            throw new ApiException(GatewayError.CLIENT_TOKEN_NOT_ALLOWED);
        }
        return jwt.getSubject();
    }

    private boolean revoke(String accountId, String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        OAuth2AuthorizationConsent consent = client == null ? null : consents.findById(client.getId(), accountId);
        if (consent == null) {
            return false;
        }
        consents.remove(consent);
        return true;
    }

    private List<Granted> granted(String accountId) {
        List<String> clientIds = jdbc.sql("select registered_client_id from oauth2_authorization_consent"
                        + " where principal_name = ? order by registered_client_id")
                .param(accountId)
                .query(String.class)
                .list();
        List<Granted> out = new ArrayList<>();
        for (String id : clientIds) {
            // a client deleted since: its consent means nothing
            RegisteredClient client = clients.findById(id);
            OAuth2AuthorizationConsent c = client == null ? null : consents.findById(id, accountId);
            if (c != null) {
                out.add(new Granted(
                        client,
                        c.getScopes().stream()
                                .sorted(java.util.Comparator.comparingInt(OidcScopes::order)
                                        .thenComparing(s -> s))
                                .toList()));
            }
        }
        return out;
    }

    private String formToken(Login login) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get("oidc-consent-form"), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(login.id().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .body(body);
    }

    private record Granted(RegisteredClient client, List<String> scopes) {}
}
