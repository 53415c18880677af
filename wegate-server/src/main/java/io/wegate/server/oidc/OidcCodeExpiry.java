package io.wegate.server.oidc;

import java.time.Clock;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Authorization codes expire by wegate's clock: the authorization server checks a code's expiry
 * against the system time ({@code Instant.now()}), wegate everything against the injected
 * {@link Clock}. A code past its {@code expires_at} (at most 60 s after issue) is not found, so its
 * exchange is {@code invalid_grant} and issues nothing.
 */
final class OidcCodeExpiry implements OAuth2AuthorizationService {

    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    private final OAuth2AuthorizationService delegate;
    private final Clock clock;

    OidcCodeExpiry(OAuth2AuthorizationService delegate, Clock clock) {
        if (delegate == null || clock == null) {
            throw new IllegalArgumentException("an authorization service and a clock are required");
        }
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        delegate.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = delegate.findByToken(token, tokenType);
        if (found != null && (tokenType == null || CODE.equals(tokenType))) {
            OAuth2Authorization.Token<OAuth2AuthorizationCode> code = found.getToken(OAuth2AuthorizationCode.class);
            if (code != null
                    && code.getToken().getTokenValue().equals(token)
                    && code.getToken().getExpiresAt() != null
                    && !clock.instant().isBefore(code.getToken().getExpiresAt())) {
                return null;
            }
        }
        return found;
    }
}
