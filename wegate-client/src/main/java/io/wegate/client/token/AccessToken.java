package io.wegate.client.token;

import java.time.Instant;
import java.util.Objects;

/**
 * An upstream app access token and the instant the upstream says it expires.
 *
 * @param value the token as issued; never logged ({@link #toString()} hides it)
 * @param obtainedAt when it was fetched
 * @param expiresAt when the upstream stops accepting it: {@code obtainedAt + expires_in}
 */
public record AccessToken(String value, Instant obtainedAt, Instant expiresAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value must not be null");
        Objects.requireNonNull(obtainedAt, "obtainedAt must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("value must not be blank");
        }
        if (!expiresAt.isAfter(obtainedAt)) {
            throw new IllegalArgumentException("expiresAt must be after obtainedAt");
        }
    }

    /** A token fetched at {@code now} that the upstream says lives {@code expiresInSeconds}. */
    public static AccessToken of(String value, Instant now, long expiresInSeconds) {
        return new AccessToken(value, now, now.plusSeconds(expiresInSeconds));
    }

    @Override
    public String toString() {
        return "AccessToken[value=" + io.wegate.client.redact.Redactor.MASK + ", obtainedAt=" + obtainedAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
