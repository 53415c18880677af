package io.wegate.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads an RP-initiated logout request, GET (query) or POST (form): {@code id_token_hint},
 * {@code client_id}, {@code post_logout_redirect_uri}, {@code state} (all optional, each at most
 * once) and, from wegate's own confirmation page, its anti-CSRF token.
 */
final class RpLogoutRequests implements AuthenticationConverter {

    static final String CONFIRMATION = "wegate_logout_confirmation";

    @Override
    public Authentication convert(HttpServletRequest request) {
        return new RpLogoutRequest(
                single(request, "id_token_hint"),
                single(request, "client_id"),
                single(request, "post_logout_redirect_uri"),
                single(request, "state"),
                "POST".equals(request.getMethod()) ? single(request, CONFIRMATION) : null);
    }

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0 || values[0].isEmpty()) {
            return null;
        }
        if (values.length > 1) {
            throw RpLogoutException.invalidRequest(name + " 重复出现", name + " is given more than once");
        }
        return values[0];
    }
}
