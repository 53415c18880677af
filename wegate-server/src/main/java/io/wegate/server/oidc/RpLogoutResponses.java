package io.wegate.server.oidc;

import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.Login;
import io.wegate.server.token.TokenService;
import io.wegate.server.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What a verified RP-initiated logout does, and what a refused one shows.
 *
 * <ul>
 *   <li>With a valid {@code id_token_hint}: the hint's wegate login ({@code sid}) ends at once — its
 *       refresh tokens and the authorization server's authorizations die with it — and so does the
 *       browser's wegate session if it is that login or the same person's; the login's other relying
 *       parties with a back-channel logout URI are told, the asking one is not.
 *   <li>Without a hint, a browser with a wegate session is asked first (section 2 of the spec: the OP
 *       SHOULD ask when there is no hint), so that a cross-site link cannot log anyone out; the
 *       confirmation is a POST with a token kept in the session.
 *   <li>Then the browser goes to the verified {@code post_logout_redirect_uri} with {@code state}, or
 *       sees a "logged out" page.
 *   <li>A refused request gets an error page (400), never a redirect.
 * </ul>
 */
final class RpLogoutResponses implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String CONFIRMATION_ATTRIBUTE = "wegate.logout.confirmation";

    private final BrowserSessions sessions;
    private final TokenService tokens;
    private final SecureRandom random = new SecureRandom();

    RpLogoutResponses(BrowserSessions sessions, TokenService tokens) {
        if (sessions == null || tokens == null) {
            throw new IllegalArgumentException("sessions and tokens must not be null");
        }
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication a)
            throws IOException {
        RpLogoutRequest r = (RpLogoutRequest) a;
        Optional<Login> current = sessions.current(request);
        if (r.hasHint()) {
            if (r.hintLoginId != null) {
                // the hint's client asked: the login's other relying parties are told (back-channel logout)
                tokens.logoutLogin(r.hintLoginId, r.client.getClientId());
            }
            current.filter(l -> l.id().equals(r.hintLoginId) || l.accountId().equals(r.hintSubject))
                    .ifPresent(l -> end(request, l));
        } else if (current.isPresent()) {
            if (!confirmed(request, r)) {
                confirm(request, response, r);
                return;
            }
            end(request, current.get());
        }
        loggedOut(response, r);
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof RpLogoutException refused) {
            OidcPages.error(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    refused.getError().getErrorCode(),
                    refused.zh,
                    refused.en);
            return;
        }
        String code =
                e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "invalid_request";
        OidcPages.error(
                response, HttpServletResponse.SC_BAD_REQUEST, code, "退出登录请求无效", "The logout request is invalid");
    }

    private void end(HttpServletRequest request, Login login) {
        tokens.logoutLogin(login.id());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private static boolean confirmed(HttpServletRequest request, RpLogoutRequest r) {
        HttpSession session = request.getSession(false);
        if (r.confirmation == null || session == null) {
            return false;
        }
        Object expected = session.getAttribute(CONFIRMATION_ATTRIBUTE);
        session.removeAttribute(CONFIRMATION_ATTRIBUTE);
        return expected instanceof String s
                && MessageDigest.isEqual(
                        s.getBytes(StandardCharsets.US_ASCII), r.confirmation.getBytes(StandardCharsets.US_ASCII));
    }

    private void confirm(HttpServletRequest request, HttpServletResponse response, RpLogoutRequest r)
            throws IOException {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        request.getSession(false).setAttribute(CONFIRMATION_ATTRIBUTE, token);
        StringBuilder form = new StringBuilder("<h1>退出登录？ / Log out?</h1><div class=\"card\">");
        if (r.client != null) {
            form.append("<p>应用 <strong id=\"logout-client\">")
                    .append(Pages.esc(OidcClientNames.of(r.client)))
                    .append("</strong> 请求退出您在 wegate 的登录。<br>The app <strong>")
                    .append(Pages.esc(OidcClientNames.of(r.client)))
                    .append("</strong> asks to log you out of wegate.</p>");
        } else {
            form.append("<p>是否退出您在 wegate 的登录？<br>Do you want to log out of wegate?</p>");
        }
        form.append("<form method=\"post\" action=\"")
                .append(Pages.esc(request.getRequestURI()))
                .append("\">");
        hidden(form, RpLogoutRequests.CONFIRMATION, token);
        hidden(form, "client_id", r.clientId);
        hidden(form, "post_logout_redirect_uri", r.postLogoutRedirectUri);
        hidden(form, "state", r.state);
        form.append("<button class=\"btn\" id=\"logout-confirm\" type=\"submit\">退出登录 / Log out</button> ")
                .append("<a class=\"btn secondary\" id=\"logout-cancel\" href=\"/\">取消 / Cancel</a></form></div>");
        OidcPages.write(response, HttpServletResponse.SC_OK, "退出登录？ / Log out?", form.toString());
    }

    private static void hidden(StringBuilder form, String name, String value) {
        if (value != null) {
            form.append("<input type=\"hidden\" name=\"")
                    .append(Pages.esc(name))
                    .append("\" value=\"")
                    .append(Pages.esc(value))
                    .append("\">");
        }
    }

    private static void loggedOut(HttpServletResponse response, RpLogoutRequest r) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (r.postLogoutRedirectUri != null) {
            UriComponentsBuilder to = UriComponentsBuilder.fromUriString(r.postLogoutRedirectUri);
            if (r.state != null) {
                to.queryParam("state", UriUtils.encode(r.state, StandardCharsets.UTF_8));
            }
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", to.build(true).toUriString());
            return;
        }
        OidcPages.message(response, "logged-out", "您已退出登录", "You are logged out");
    }
}
