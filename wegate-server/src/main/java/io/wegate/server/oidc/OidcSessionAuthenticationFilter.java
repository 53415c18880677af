package io.wegate.server.oidc;

import io.wegate.server.token.BrowserSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the authorization server's endpoints, the browser's wegate session (while its login stands)
 * is the authenticated person; nothing else is: no form login, no session of Spring Security's own.
 */
final class OidcSessionAuthenticationFilter extends OncePerRequestFilter {

    private final BrowserSessions sessions;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    OidcSessionAuthenticationFilter(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (contexts.getContext().getAuthentication() == null) {
            sessions.current(request).ifPresent(login -> {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(new OidcLoginAuthentication(login));
                contexts.setContext(context);
            });
        }
        chain.doFilter(request, response);
    }
}
