package io.wegate.server.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The authorization server's token and code generators on wegate's {@link Clock}: Spring's defaults
 * read the system time, while wegate checks every expiry (codes, logins, access tokens) against the
 * injected clock, so the two must agree — in production they are the same clock, in tests the clock
 * moves.
 */
final class OidcTokenGenerators {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OidcTokenGenerators() {}

    /** Access and ID tokens (JWTs with wegate's claims), refresh tokens, reference tokens. */
    static OAuth2TokenGenerator<OAuth2Token> tokens(
            JWKSource<SecurityContext> keys, OAuth2TokenCustomizer<JwtEncodingContext> claims, Clock clock) {
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys));
        jwt.setJwtCustomizer(claims);
        jwt.setClock(clock);
        OAuth2AccessTokenGenerator reference = new OAuth2AccessTokenGenerator();
        reference.setClock(clock);
        OAuth2RefreshTokenGenerator refresh = new OAuth2RefreshTokenGenerator();
        refresh.setClock(clock);
        return new DelegatingOAuth2TokenGenerator(jwt, reference, refresh);
    }

    /**
     * Authorization codes as Spring's generator makes them (96 random bytes, base64url), issued at the
     * clock's time and living the client's {@code authorizationCodeTimeToLive} (60 s at wegate).
     */
    static OAuth2TokenGenerator<OAuth2AuthorizationCode> codes(Clock clock) {
        return (OAuth2TokenContext context) -> {
            if (context.getTokenType() == null
                    || !OAuth2ParameterNames.CODE.equals(context.getTokenType().getValue())) {
                return null;
            }
            byte[] bytes = new byte[96];
            RANDOM.nextBytes(bytes);
            Instant issuedAt = clock.instant();
            Instant expiresAt = issuedAt.plus(
                    context.getRegisteredClient().getTokenSettings().getAuthorizationCodeTimeToLive());
            return new OAuth2AuthorizationCode(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), issuedAt, expiresAt);
        };
    }
}
