package io.wegate.server.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The signing keys' lifecycle and protection ({@code wegate.token.key-*}).
 *
 * @param keyPrePublication how long a new key is in the JWKS before it signs: longer than relying
 *     parties cache the JWKS (5 minutes for Spring Security, Nimbus and {@code openid-client}) and
 *     not shorter than {@code key-refresh-interval}; default 1h
 * @param keyOverlap how long a key stays published and verifying after it stopped signing: at least
 *     the longest lifetime of a token it signs (access tokens, 30-minute ID tokens); default that
 *     lifetime plus 1h
 * @param keyRotationInterval rotate every key this often (empty: never on a schedule)
 * @param keyRefreshInterval how often each instance reloads the keys from the database; default 60s
 * @param keyEncryptionKey base64 of 32 random bytes; when set, private keys are stored AES-256-GCM
 *     encrypted (environment: {@code WEGATE_TOKEN_KEY_ENCRYPTION_KEY})
 */
@ConfigurationProperties("wegate.token")
public record SigningKeyProperties(
        Duration keyPrePublication,
        Duration keyOverlap,
        Duration keyRotationInterval,
        Duration keyRefreshInterval,
        String keyEncryptionKey) {

    /** The lifetime of the ID tokens the authorization server signs (fixed there). */
    static final Duration ID_TOKEN_TTL = Duration.ofMinutes(30);

    public SigningKeyProperties {
        keyPrePublication = keyPrePublication == null ? Duration.ofHours(1) : keyPrePublication;
        keyRefreshInterval = keyRefreshInterval == null ? Duration.ofSeconds(60) : keyRefreshInterval;
        keyEncryptionKey = keyEncryptionKey == null || keyEncryptionKey.isBlank() ? null : keyEncryptionKey.strip();
        if (keyRotationInterval != null && (keyRotationInterval.isZero() || keyRotationInterval.isNegative())) {
            keyRotationInterval = null;
        }
        if (keyRefreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("wegate.token.key-refresh-interval must be at least 1s");
        }
        if (keyPrePublication.compareTo(keyRefreshInterval) < 0) {
            throw new IllegalArgumentException("wegate.token.key-pre-publication (" + keyPrePublication
                    + ") must be at least wegate.token.key-refresh-interval (" + keyRefreshInterval
                    + "), so every instance has a new key before it signs");
        }
        if (keyRotationInterval != null && keyRotationInterval.compareTo(keyPrePublication) < 0) {
            throw new IllegalArgumentException("wegate.token.key-rotation-interval (" + keyRotationInterval
                    + ") must be at least wegate.token.key-pre-publication (" + keyPrePublication + ")");
        }
        if (keyOverlap != null && keyOverlap.isNegative()) {
            throw new IllegalArgumentException("wegate.token.key-overlap must not be negative");
        }
    }

    /** The overlap in force: configured, or the longest token lifetime plus 1h. */
    Duration overlap(TokenProperties tokens) {
        Duration longest = longestTokenLifetime(tokens);
        if (keyOverlap == null) {
            return longest.plusHours(1);
        }
        if (keyOverlap.compareTo(longest) < 0) {
            throw new IllegalArgumentException("wegate.token.key-overlap (" + keyOverlap
                    + ") must be at least the longest lifetime of a token a key signs (" + longest
                    + ": wegate.token.access-token-ttl, or the 30-minute ID tokens), or tokens signed just before a"
                    + " rotation stop verifying before they expire");
        }
        return keyOverlap;
    }

    static Duration longestTokenLifetime(TokenProperties tokens) {
        return tokens.accessTokenTtl().compareTo(ID_TOKEN_TTL) > 0 ? tokens.accessTokenTtl() : ID_TOKEN_TTL;
    }

    @Override
    public String toString() {
        return "SigningKeyProperties[keyPrePublication=" + keyPrePublication + ", keyOverlap=" + keyOverlap
                + ", keyRotationInterval=" + keyRotationInterval + ", keyRefreshInterval=" + keyRefreshInterval
                + ", keyEncryptionKey=" + (keyEncryptionKey == null ? "none" : "[set]") + "]";
    }
}
