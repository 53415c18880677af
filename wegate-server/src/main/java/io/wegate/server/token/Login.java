package io.wegate.server.token;

import java.time.Instant;

/**
 * One login of an account (its id is the {@code sid} of every token issued under it).
 *
 * @param expiresAt the absolute end: no token or session of this login outlives it
 * @param revokedAt when it was ended (logout, refresh-token reuse), or null
 */
public record Login(
        String id,
        String accountId,
        LoginMethod method,
        Instant authenticatedAt,
        Instant expiresAt,
        Instant revokedAt) {

    /** Not revoked and not past its absolute end. */
    public boolean liveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
