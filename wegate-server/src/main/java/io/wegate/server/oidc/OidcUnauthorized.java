package io.wegate.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Who is not authenticated at the authorization server's endpoints: a person at a browser endpoint
 * goes to wegate's login ({@link OidcLoginEntryPoint}); a client at an endpoint for machines (token,
 * introspection, revocation, UserInfo, device authorization, PAR, client registration) gets a 401
 * with the RFC's error ({@code invalid_client}, or {@code invalid_token} at UserInfo, RFC 6750
 * section 3), never a redirect to a login page it cannot follow.
 */
final class OidcUnauthorized implements AuthenticationEntryPoint {

    private static final HttpMessageConverter<OAuth2Error> ERRORS = new OAuth2ErrorHttpMessageConverter();

    private final AuthenticationEntryPoint login;

    OidcUnauthorized(AuthenticationEntryPoint login) {
        this.login = login;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, jakarta.servlet.ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AuthorizationServerSettings s = AuthorizationServerContextHolder.getContext() == null
                ? AuthorizationServerSettings.builder().build()
                : AuthorizationServerContextHolder.getContext().getAuthorizationServerSettings();
        boolean userInfo = path.equals(s.getOidcUserInfoEndpoint());
        boolean machine = userInfo
                || path.equals(s.getTokenEndpoint())
                || path.equals(s.getTokenIntrospectionEndpoint())
                || path.equals(s.getTokenRevocationEndpoint())
                || path.equals(s.getDeviceAuthorizationEndpoint())
                || path.equals(s.getPushedAuthorizationRequestEndpoint())
                || path.equals(s.getOidcClientRegistrationEndpoint())
                || path.equals(s.getClientRegistrationEndpoint());
        if (!machine) {
            login.commence(request, response, e);
            return;
        }
        ServletServerHttpResponse http = new ServletServerHttpResponse(response);
        http.setStatusCode(HttpStatus.UNAUTHORIZED);
        http.getHeaders().setCacheControl("no-store");
        http.getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE, userInfo ? "Bearer" : "Basic realm=\"wegate\", charset=\"UTF-8\"");
        ERRORS.write(
                new OAuth2Error(userInfo ? OAuth2ErrorCodes.INVALID_TOKEN : OAuth2ErrorCodes.INVALID_CLIENT),
                null,
                http);
    }
}
