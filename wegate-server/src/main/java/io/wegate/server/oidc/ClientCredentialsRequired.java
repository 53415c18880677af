package io.wegate.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A request to introspection or revocation that carries no client credentials at all is refused
 * with {@code 401 invalid_client} (RFC 7662 section 2.1, RFC 7009 section 2.1), instead of going on
 * unauthenticated to the browser's login. Requests with any credentials are left to the client
 * authentication converters (which refuse wrong ones the same way).
 */
final class ClientCredentialsRequired implements AuthenticationConverter {

    private final RequestMatcher endpoints;

    ClientCredentialsRequired(RequestMatcher endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints must not be null");
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (!endpoints.matches(request) || hasCredentials(request)) {
            return null;
        }
        throw new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "client authentication is required", null));
    }

    private static boolean hasCredentials(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
                || request.getAttribute("jakarta.servlet.request.X509Certificate") != null;
    }
}
