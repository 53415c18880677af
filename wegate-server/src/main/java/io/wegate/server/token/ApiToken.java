package io.wegate.server.token;

import java.time.Instant;
import java.util.List;

/**
 * An active token of wegate's API flows ({@code POST /api/v1/login/...}, refresh, session token),
 * as introspection describes it (RFC 7662). API-flow tokens belong to no OAuth client.
 *
 * @param accessToken true for an access token (a JWT), false for a refresh token
 * @param subject the wegate account
 * @param loginId the login ({@code sid}) the token lives and dies with
 * @param issuer {@code iss}; null for refresh tokens
 * @param audience {@code aud}; empty for refresh tokens
 * @param jwtId {@code jti}; null for refresh tokens
 * @param scopes the scopes, empty when the token has none (API-flow tokens have none today)
 */
public record ApiToken(
        boolean accessToken,
        String subject,
        String loginId,
        Instant issuedAt,
        Instant expiresAt,
        Instant notBefore,
        String issuer,
        List<String> audience,
        String jwtId,
        List<String> scopes) {

    public ApiToken {
        audience = audience == null ? List.of() : List.copyOf(audience);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
