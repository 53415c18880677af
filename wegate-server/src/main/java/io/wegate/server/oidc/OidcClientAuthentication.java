package io.wegate.server.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2ClientAuthenticationConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;

/**
 * Client authentication at the token, introspection and revocation endpoints, stricter than the
 * authorization server's default where RFC 6749 is:
 *
 * <ul>
 *   <li>a parameter sent twice is {@code invalid_request} (section 3.2: parameters "MUST NOT be
 *       included more than once"); left to Spring, a duplicated {@code code} is a 500;
 *   <li>credentials in the Authorization header and in the body at once, or a {@code client_secret}
 *       beside a {@code client_assertion}, are {@code invalid_request} (section 2.3: one
 *       authentication method per request; section 5.2); left to Spring, the assertion would win
 *       and the secret be ignored;
 *   <li>a 401 {@code invalid_client} to a client that sent Basic credentials carries
 *       {@code WWW-Authenticate: Basic} (section 5.2: MUST).
 * </ul>
 *
 * <p>{@code private_key_jwt} assertions are checked by the authorization server's own {@code
 * JwtClientAssertionAuthenticationProvider}, with the decoders of {@link ClientAssertionDecoders}
 * (one-time {@code jti}).
 */
final class OidcClientAuthentication {

    private static final HttpMessageConverter<OAuth2Error> ERRORS = new OAuth2ErrorHttpMessageConverter();

    private OidcClientAuthentication() {}

    static void configure(OAuth2ClientAuthenticationConfigurer c, ClientAssertionDecoders assertions) {
        c.authenticationConverters(converters -> converters.addFirst(OidcClientAuthentication::refuseAmbiguous))
                .authenticationProviders(providers -> providers.forEach(p -> {
                    if (p instanceof JwtClientAssertionAuthenticationProvider jwt) {
                        jwt.setJwtDecoderFactory(assertions);
                    }
                }))
                .errorResponseHandler(OidcClientAuthentication::error);
    }

    /** Never converts anything: refuses requests no client authentication may read two ways. */
    private static Authentication refuseAmbiguous(HttpServletRequest request) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            if (p.getValue().length > 1) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
            }
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean secret = request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null;
        boolean assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null;
        if ((header != null && (secret || assertion)) || (secret && assertion)) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
        }
        return null;
    }

    private static void error(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        SecurityContextHolder.clearContext();
        OAuth2Error error = e instanceof OAuth2AuthenticationException o
                ? o.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
        ServletServerHttpResponse http = new ServletServerHttpResponse(response);
        boolean unauthorized = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
        http.setStatusCode(unauthorized ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        // a client that sent no credentials is told how to send them, as the entry point does
        if (unauthorized && (header == null || header.regionMatches(true, 0, "Basic", 0, 5))) {
            http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"wegate\", charset=\"UTF-8\"");
        }
        http.getHeaders().setCacheControl("no-store");
        // the error code only, as Spring's default: nothing about which check failed
        ERRORS.write(new OAuth2Error(error.getErrorCode()), null, http);
    }
}
