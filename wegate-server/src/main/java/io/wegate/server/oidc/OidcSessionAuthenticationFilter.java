package io.wegate.server.oidc;

import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.Login;
import io.wegate.server.web.Pages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the authorization server's endpoints, the browser's wegate session (while its login stands)
 * is the authenticated person; nothing else is: no form login, no session of Spring Security's own.
 *
 * <ul>
 *   <li>An authorization request with {@code prompt=login} or a {@code max_age} its login is too old
 *       for ({@link FreshLogin}) is not authenticated: it goes to wegate's login again.
 *   <li>A consent decision ({@code POST /oauth2/authorize} with the consent {@code state}) counts
 *       only from the browser session whose login the consent page was shown to, and never from a
 *       cross-site form ({@code Sec-Fetch-Site: cross-site}; the session cookie is SameSite=Lax too): the
 *       authorization server itself checks only that the state belongs to the same account.
 * </ul>
 */
final class OidcSessionAuthenticationFilter extends OncePerRequestFilter {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final BrowserSessions sessions;
    private final FreshLogin fresh;
    private final OAuth2AuthorizationService authorizations;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private final org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository clients;

    OidcSessionAuthenticationFilter(
            BrowserSessions sessions,
            FreshLogin fresh,
            OAuth2AuthorizationService authorizations,
            org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository clients) {
        this.clients = java.util.Objects.requireNonNull(clients, "clients must not be null");
        this.sessions = java.util.Objects.requireNonNull(sessions, "sessions must not be null");
        this.fresh = java.util.Objects.requireNonNull(fresh, "fresh must not be null");
        this.authorizations = java.util.Objects.requireNonNull(authorizations, "authorizations must not be null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (contexts.getContext().getAuthentication() == null) {
            Optional<Login> login = sessions.current(request);
            if (isConsentDecision(request) && !consentFromItsBrowser(request, login)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setHeader("Cache-Control", "no-store");
                response.setContentType("text/html;charset=UTF-8");
                response.getWriter()
                        .write(Pages.layout(
                                "授权未完成 / Consent not accepted",
                                "<h1>授权未完成 / Consent not accepted</h1><div class=\"card err\">"
                                        + "<p>此授权确认不是由显示授权页面的浏览器提交的，未授予任何权限。</p>"
                                        + "<p>This consent was not sent by the browser the consent page was shown"
                                        + " to: nothing was granted.</p>"
                                        + "<p><small>error: <code id=\"error-code\">invalid_request</code>"
                                        + "</small></p></div>"));
                return;
            }
            login.filter(l -> !fresh.required(request, l))
                    // a client that takes only some upstreams or one app: another login does not count
                    .filter(l -> OidcClientRestrictions.allows(OidcClientRestrictions.clientOf(request, clients), l))
                    .ifPresent(l -> {
                        SecurityContext context = contexts.createEmptyContext();
                        context.setAuthentication(new OidcLoginAuthentication(l));
                        contexts.setContext(context);
                    });
        }
        chain.doFilter(request, response);
    }

    /** The consent page's form: a POST to the authorization endpoint without {@code response_type}. */
    private static boolean isConsentDecision(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals("/oauth2/authorize")
                && request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null;
    }

    private boolean consentFromItsBrowser(HttpServletRequest request, Optional<Login> login) {
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            return false;
        }
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        if (state == null || login.isEmpty()) {
            // the authorization server refuses it (no state, or nobody logged in)
            return true;
        }
        OAuth2Authorization pending = authorizations.findByToken(state, STATE);
        if (pending == null) {
            return true;
        }
        return pending.getAttribute(Principal.class.getName()) instanceof OidcLoginAuthentication shown
                && shown.login().id().equals(login.get().id());
    }
}
