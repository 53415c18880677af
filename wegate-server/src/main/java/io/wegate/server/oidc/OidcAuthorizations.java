package io.wegate.server.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wegate.server.token.TokenService;
import io.wegate.server.web.Sha256;
import java.security.Principal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization server's authorizations, with wegate's rules on top of Spring's:
 *
 * <ul>
 *   <li>an authorization lives only as long as its wegate login: once the login ended (logout,
 *       refresh-token reuse anywhere), its tokens neither refresh nor introspect;
 *   <li>presenting a refresh token that was already rotated away revokes the whole login, for OIDC
 *       clients as for the API flows (RFC 9700 section 4.14.2); Spring's default only refuses it.
 * </ul>
 *
 * Rotated refresh tokens are remembered as SHA-256 hashes only.
 */
final class OidcAuthorizations implements OAuth2AuthorizationService {

    private static final Logger log = LoggerFactory.getLogger(OidcAuthorizations.class);

    private final OAuth2AuthorizationService delegate;
    private final TokenService tokens;
    private final Cache<String, String> rotated;

    OidcAuthorizations(OAuth2AuthorizationService delegate, TokenService tokens, Duration refreshTokenTtl) {
        this.delegate = delegate;
        this.tokens = tokens;
        this.rotated = Caffeine.newBuilder()
                .expireAfterWrite(refreshTokenTtl)
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization before = delegate.findById(authorization.getId());
        if (before != null && before.getRefreshToken() != null) {
            OAuth2RefreshToken old = before.getRefreshToken().getToken();
            OAuth2RefreshToken now = authorization.getRefreshToken() == null
                    ? null
                    : authorization.getRefreshToken().getToken();
            if (now == null || !now.getTokenValue().equals(old.getTokenValue())) {
                rotated.put(Sha256.hex(old.getTokenValue()), authorization.getId());
            }
        }
        delegate.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return live(delegate.findById(id));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        OAuth2Authorization found = delegate.findByToken(token, tokenType);
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            String id = rotated.getIfPresent(Sha256.hex(token));
            OAuth2Authorization reused = id == null ? null : delegate.findById(id);
            if (reused != null) {
                String login = loginId(reused);
                if (login != null) {
                    tokens.logoutLogin(login);
                }
                delegate.remove(reused);
                log.warn("OIDC refresh token reuse detected: revoked login {} and its authorization", login);
            }
            return null;
        }
        return live(found);
    }

    /** The authorization if its wegate login still stands; otherwise it is dropped. */
    private OAuth2Authorization live(OAuth2Authorization authorization) {
        if (authorization == null) {
            return null;
        }
        String login = loginId(authorization);
        if (login != null && tokens.liveLogin(login).isEmpty()) {
            delegate.remove(authorization);
            return null;
        }
        return authorization;
    }

    private static String loginId(OAuth2Authorization authorization) {
        Object principal = authorization.getAttribute(Principal.class.getName());
        return principal instanceof OidcLoginAuthentication person
                ? person.login().id()
                : null;
    }
}
