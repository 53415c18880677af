package io.wegate.server.oidc;

import io.wegate.server.token.TokenService;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Revocation (RFC 7009) of the API flows' tokens, before the authorization server's own: a refresh
 * token or an active access token of {@code POST /api/v1/login/...} ends its login, as
 * {@code POST /api/v1/logout} does. API-flow tokens belong to no client, so any authenticated
 * client may revoke one: whoever holds the token could end its login without any client at
 * {@code /api/v1/logout}, so this gives no one more than they had. OIDC clients' tokens are left to
 * the authorization server (only the client they were issued to may revoke them), and a token
 * nobody knows is answered 200 as RFC 7009 says.
 */
final class ApiTokenRevocation implements AuthenticationProvider {

    private final TokenService tokens;

    ApiTokenRevocation(TokenService tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens must not be null");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
        OAuth2ClientAuthenticationToken client = authenticatedClient(request.getPrincipal());
        if (!tokens.revoke(request.getToken())) {
            return null;
        }
        // the value stays in memory for this response only (which does not carry it)
        return new OAuth2TokenRevocationAuthenticationToken(new OAuth2RefreshToken(request.getToken(), null), client);
    }

    static OAuth2ClientAuthenticationToken authenticatedClient(Object principal) {
        if (principal instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
            return client;
        }
        throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
