package io.wegate.server.oidc;

import io.wegate.server.token.ApiToken;
import io.wegate.server.token.TokenService;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Introspection (RFC 7662) of the API flows' tokens, before the authorization server's own: an
 * active access or refresh token of {@code POST /api/v1/login/...} is described to any
 * authenticated client (it names its holder's account, login and times, which its holder can read
 * anyway; {@code client_id} is absent: API-flow tokens belong to no client). Anything else —
 * OIDC clients' tokens, and API-flow tokens no longer active — is left to the authorization server,
 * which answers {@code active:false} for what it does not hold.
 */
final class ApiTokenIntrospection implements AuthenticationProvider {

    private final TokenService tokens;

    ApiTokenIntrospection(TokenService tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens must not be null");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenIntrospectionAuthenticationToken request =
                (OAuth2TokenIntrospectionAuthenticationToken) authentication;
        OAuth2ClientAuthenticationToken client = ApiTokenRevocation.authenticatedClient(request.getPrincipal());
        return tokens.introspect(request.getToken())
                .map(t -> new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), client, claims(t)))
                .orElse(null);
    }

    private static OAuth2TokenIntrospection claims(ApiToken t) {
        OAuth2TokenIntrospection.Builder b =
                OAuth2TokenIntrospection.builder(true).subject(t.subject()).claim("sid", t.loginId());
        if (t.issuedAt() != null) {
            b.issuedAt(t.issuedAt());
        }
        if (t.expiresAt() != null) {
            b.expiresAt(t.expiresAt());
        }
        if (t.accessToken()) {
            b.tokenType("Bearer");
            if (t.notBefore() != null) {
                b.notBefore(t.notBefore());
            }
            if (t.issuer() != null) {
                b.issuer(t.issuer());
            }
            if (t.jwtId() != null) {
                b.id(t.jwtId());
            }
            t.audience().forEach(b::audience);
        }
        t.scopes().forEach(b::scope);
        return b.build();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
