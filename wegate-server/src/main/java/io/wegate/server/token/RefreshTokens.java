package io.wegate.server.token;

import io.wegate.server.web.Sha256;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Opaque refresh tokens: 256 random bits given to the client once, stored only as a SHA-256 hash.
 * Rotation marks a token used with a conditional update, so of two concurrent uses exactly one wins.
 */
@Repository
public class RefreshTokens {

    /** A stored token's state. */
    public record Row(String familyId, String accountId, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

    private final JdbcClient jdbc;
    private final SecureRandom random;

    public RefreshTokens(JdbcClient jdbc, SecureRandom random) {
        this.jdbc = jdbc;
        this.random = random;
    }

    /** Creates a token in {@code familyId} and returns its value (the only time it exists in clear). */
    public String create(String familyId, String accountId, Instant now, Instant expiresAt) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        jdbc.sql("insert into refresh_token (token_hash, family_id, account_id, issued_at, expires_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(Sha256.hex(value), familyId, accountId, now.toEpochMilli(), expiresAt.toEpochMilli())
                .update();
        return value;
    }

    public Optional<Row> find(String value) {
        return jdbc.sql("select family_id, account_id, expires_at, used_at, revoked_at from refresh_token"
                        + " where token_hash = ?")
                .param(Sha256.hex(value))
                .query((rs, n) -> new Row(
                        rs.getString("family_id"),
                        rs.getString("account_id"),
                        Instant.ofEpochMilli(rs.getLong("expires_at")),
                        instant(rs.getObject("used_at")),
                        instant(rs.getObject("revoked_at"))))
                .optional();
    }

    /** Marks the token used if it is still fresh; false when it was used, revoked or expired. */
    public boolean markUsed(String value, Instant now) {
        return jdbc.sql("update refresh_token set used_at = ? where token_hash = ? and used_at is null"
                                + " and revoked_at is null and expires_at > ?")
                        .params(now.toEpochMilli(), Sha256.hex(value), now.toEpochMilli())
                        .update()
                == 1;
    }

    /** Revokes every token of the family (one login). */
    public int revokeFamily(String familyId, Instant now) {
        return jdbc.sql("update refresh_token set revoked_at = ? where family_id = ? and revoked_at is null")
                .params(now.toEpochMilli(), familyId)
                .update();
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }
}
