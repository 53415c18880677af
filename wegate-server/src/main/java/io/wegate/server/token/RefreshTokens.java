package io.wegate.server.token;

import io.wegate.server.web.Sha256;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens: 256 random bits given to the client once, stored only as a SHA-256 hash.
 * Rotation marks a token used with a conditional update, so of two concurrent uses exactly one wins.
 */
@Component
public class RefreshTokens {

    /**
     * A stored token's state.
     *
     * @param authorizationId the OIDC authorization it was issued in; null for the API flows' tokens
     */
    public record Row(
            String familyId,
            String accountId,
            Instant issuedAt,
            Instant expiresAt,
            Instant usedAt,
            Instant revokedAt,
            String authorizationId) {

        /** Neither used, revoked nor expired. */
        public boolean freshAt(Instant now) {
            return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
        }
    }

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

    /**
     * Records a token issued elsewhere (the authorization server generates its own values) by its
     * hash, in {@code familyId} (the login) and OIDC authorization {@code authorizationId}.
     */
    public void record(
            String tokenHash,
            String familyId,
            String accountId,
            String authorizationId,
            Instant issuedAt,
            Instant expiresAt) {
        jdbc.sql("insert into refresh_token (token_hash, family_id, account_id, issued_at, expires_at,"
                        + " authorization_id) values (?, ?, ?, ?, ?, ?)")
                .params(
                        tokenHash,
                        familyId,
                        accountId,
                        issuedAt.toEpochMilli(),
                        expiresAt.toEpochMilli(),
                        authorizationId)
                .update();
    }

    public Optional<Row> find(String value) {
        return findByHash(Sha256.hex(value));
    }

    public Optional<Row> findByHash(String tokenHash) {
        return jdbc.sql("select family_id, account_id, issued_at, expires_at, used_at, revoked_at, authorization_id"
                        + " from refresh_token where token_hash = ?")
                .param(tokenHash)
                .query((rs, n) -> new Row(
                        rs.getString("family_id"),
                        rs.getString("account_id"),
                        Instant.ofEpochMilli(rs.getLong("issued_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")),
                        instant(rs.getObject("used_at")),
                        instant(rs.getObject("revoked_at")),
                        rs.getString("authorization_id")))
                .optional();
    }

    /** Marks the token used if it is still fresh; false when it was used, revoked or expired. */
    public boolean markUsed(String value, Instant now) {
        return markUsedByHash(Sha256.hex(value), now);
    }

    /**
     * Marks the token used if it is still fresh, with one conditional update: of two concurrent
     * uses exactly one gets true.
     */
    public boolean markUsedByHash(String tokenHash, Instant now) {
        return jdbc.sql("update refresh_token set used_at = ? where token_hash = ? and used_at is null"
                                + " and revoked_at is null and expires_at > ?")
                        .params(now.toEpochMilli(), tokenHash, now.toEpochMilli())
                        .update()
                == 1;
    }

    /** Revokes one token (an OIDC client's, revoked or invalidated by the authorization server). */
    public void revokeByHash(String tokenHash, Instant now) {
        jdbc.sql("update refresh_token set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(now.toEpochMilli(), tokenHash)
                .update();
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
