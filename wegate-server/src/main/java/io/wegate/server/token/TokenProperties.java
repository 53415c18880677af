package io.wegate.server.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * wegate's own tokens ({@code wegate.token.*}).
 *
 * @param issuer the {@code iss} claim; empty means the public base URL
 * @param audience the {@code aud} claim of access tokens
 * @param accessTokenTtl lifetime of an access token (JWT)
 * @param refreshTokenTtl lifetime of a login's refresh tokens
 */
@ConfigurationProperties("wegate.token")
public record TokenProperties(String issuer, String audience, Duration accessTokenTtl, Duration refreshTokenTtl) {

    public TokenProperties {
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
        audience = audience == null || audience.isBlank() ? "wegate" : audience;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
        if (accessTokenTtl.compareTo(Duration.ofMinutes(1)) < 0 || accessTokenTtl.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("wegate.token.access-token-ttl must be between 1m and 24h");
        }
        if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
            throw new IllegalArgumentException("wegate.token.refresh-token-ttl must be longer than access-token-ttl");
        }
    }
}
