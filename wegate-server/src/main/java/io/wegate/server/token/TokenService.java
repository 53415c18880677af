package io.wegate.server.token;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AccountView;
import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.web.Sha256;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts logins, issues their token pairs and rotates refresh tokens, following the OAuth 2.0
 * Security BCP (RFC 9700 section 4.14.2): every refresh returns a new refresh token, and presenting
 * a used one revokes the whole login, because one of its two holders must be an attacker. A login
 * has an absolute end ({@code wegate.token.refresh-token-ttl} after the person authenticated) that
 * no token or session of it outlives, and once revoked nothing more is issued under it.
 */
@Service
public class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JwtTokens jwt;
    private final RefreshTokens refreshTokens;
    private final Logins logins;
    private final AccountStore accounts;
    private final TokenProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectProvider<LoginsEndedListener> listeners;

    public TokenService(
            JwtTokens jwt,
            RefreshTokens refreshTokens,
            Logins logins,
            AccountStore accounts,
            TokenProperties properties,
            TransactionTemplate tx,
            Clock clock,
            ObjectProvider<LoginsEndedListener> listeners) {
        this.jwt = jwt;
        this.refreshTokens = refreshTokens;
        this.logins = logins;
        this.accounts = accounts;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Records a new login of {@code account}, made by {@code method}, now. */
    public Login begin(Account account, LoginMethod method) {
        Instant now = clock.instant();
        return logins.create(account.id(), method, now, now.plus(properties.refreshTokenTtl()));
    }

    /** Another token pair for a login that still stands (the first one, or a browser session's). */
    public TokenResponse issue(Account account, Login login) {
        return issue(account, login, accounts.identitiesOf(account.id()));
    }

    /** {@link #issue(Account, Login)}, with the account's identities as the caller has just read them. */
    public TokenResponse issue(Account account, Login login, List<ExternalIdentity> identities) {
        Instant now = clock.instant();
        if (!login.liveAt(now) || !login.accountId().equals(account.id())) {
            throw new ApiException(GatewayError.LOGIN_ENDED);
        }
        String refresh = refreshTokens.create(login.id(), account.id(), now, login.expiresAt());
        return response(account, login, refresh, identities);
    }

    /** The login {@code loginId} if it stands and its account is active. */
    public Optional<Login> liveLogin(String loginId) {
        Instant now = clock.instant();
        return logins.find(loginId)
                .filter(l -> l.liveAt(now))
                .filter(l -> accounts.findAccount(l.accountId())
                        .filter(a -> Account.ACTIVE.equals(a.status()))
                        .isPresent());
    }

    /** Rotates {@code refreshToken}; a reused one revokes its login. */
    public TokenResponse refresh(String refreshToken) {
        if (refreshToken == null || !FORMAT.matcher(refreshToken).matches()) {
            throw new ApiException(GatewayError.INVALID_GRANT);
        }
        Instant now = clock.instant();
        TokenResponse rotated = tx.execute(s -> {
            if (!refreshTokens.markUsed(refreshToken, now)) {
                return null;
            }
            RefreshTokens.Row row = refreshTokens.find(refreshToken).orElseThrow();
            Login login = logins.find(row.familyId()).filter(l -> l.liveAt(now)).orElse(null);
            Account account = accounts.findAccount(row.accountId())
                    .filter(a -> Account.ACTIVE.equals(a.status()))
                    .orElse(null);
            if (login == null || account == null) {
                // nothing changes for a login that ended or an account that is no longer active
                s.setRollbackOnly();
                return null;
            }
            // the login keeps its original end: rotation does not extend it
            String next = refreshTokens.create(row.familyId(), account.id(), now, login.expiresAt());
            return response(account, login, next);
        });
        if (rotated != null) {
            return rotated;
        }
        if (revokeIfReused(Sha256.hex(refreshToken)) != null) {
            throw new ApiException(GatewayError.REFRESH_TOKEN_REUSED);
        }
        throw new ApiException(GatewayError.INVALID_GRANT);
    }

    /**
     * The reuse rule of every refresh token wegate issues, the API flows' and the OIDC clients'
     * alike (RFC 9700 section 4.14.2): a refresh token presented after it was used (rotated away)
     * ends its whole login, because one of its two holders must be an attacker.
     *
     * @param tokenHash the SHA-256 hash of the presented token
     * @return the login ended for reuse, or null when the token was not a used one
     */
    public String revokeIfReused(String tokenHash) {
        RefreshTokens.Row row = refreshTokens.findByHash(tokenHash).orElse(null);
        if (row == null || row.usedAt() == null || row.revokedAt() != null) {
            return null;
        }
        int revoked = revokeLogin(row.familyId(), clock.instant(), "refresh_token_reused");
        log.warn("refresh token reuse detected: revoked {} tokens of login {}", revoked, row.familyId());
        return row.familyId();
    }

    /**
     * Records a refresh token that the authorization server issued to an OIDC client under
     * {@code login}, by its hash: from now on it follows the same rules as the API flows' tokens.
     * Runs in the caller's transaction.
     */
    public void recordRefreshToken(
            String tokenHash, Login login, String authorizationId, Instant issuedAt, Instant expiresAt) {
        Instant end = expiresAt == null || expiresAt.isAfter(login.expiresAt()) ? login.expiresAt() : expiresAt;
        refreshTokens.record(tokenHash, login.id(), login.accountId(), authorizationId, issuedAt, end);
    }

    /**
     * Marks a refresh token used by its rotation, with one conditional update (of two concurrent
     * rotations exactly one gets true). Runs in the caller's transaction; on false the caller
     * rolls back and applies {@link #revokeIfReused}.
     */
    public boolean useRefreshToken(String tokenHash) {
        return refreshTokens.markUsedByHash(tokenHash, clock.instant());
    }

    /** Revokes one refresh token (an OIDC client's token the authorization server invalidated). */
    public void revokeRefreshToken(String tokenHash) {
        refreshTokens.revokeByHash(tokenHash, clock.instant());
    }

    /**
     * {@code token} if it is an active token of the API flows: an access token wegate signed for
     * no OAuth client (no {@code client_id}) whose login stands, or a fresh refresh token of a
     * login that stands. Empty for anything else (OIDC clients' tokens included).
     */
    public Optional<ApiToken> introspect(String token) {
        if (token == null) {
            return Optional.empty();
        }
        if (FORMAT.matcher(token).matches()) {
            Instant now = clock.instant();
            return refreshTokens
                    .find(token)
                    .filter(row -> row.authorizationId() == null && row.freshAt(now))
                    .filter(row -> liveLogin(row.familyId()).isPresent())
                    .map(row -> new ApiToken(
                            false,
                            row.accountId(),
                            row.familyId(),
                            row.issuedAt(),
                            row.expiresAt(),
                            null,
                            null,
                            null,
                            null,
                            null));
        }
        return apiAccessToken(token)
                .map(jwt -> new ApiToken(
                        true,
                        jwt.getSubject(),
                        jwt.getClaimAsString("sid"),
                        jwt.getIssuedAt(),
                        jwt.getExpiresAt(),
                        jwt.getNotBefore(),
                        jwt.getIssuer() == null ? null : jwt.getIssuer().toString(),
                        jwt.getAudience(),
                        jwt.getId(),
                        scopes(jwt)));
    }

    /**
     * Revokes {@code token} if it is a token of the API flows: a refresh token (fresh or not) or
     * an active access token ends its login, as {@code /api/v1/logout} does. False for anything
     * else, which is left to the authorization server.
     */
    public boolean revoke(String token) {
        if (token == null) {
            return false;
        }
        if (FORMAT.matcher(token).matches()) {
            RefreshTokens.Row row = refreshTokens
                    .find(token)
                    .filter(r -> r.authorizationId() == null)
                    .orElse(null);
            if (row == null) {
                return false;
            }
            revokeLogin(row.familyId(), clock.instant(), "revoked");
            return true;
        }
        Optional<org.springframework.security.oauth2.jwt.Jwt> jwt = apiAccessToken(token);
        jwt.ifPresent(j -> revokeLogin(j.getClaimAsString("sid"), clock.instant(), "revoked"));
        return jwt.isPresent();
    }

    /** A valid, live access token of wegate's own (signed by wegate, for no OAuth client). */
    private Optional<org.springframework.security.oauth2.jwt.Jwt> apiAccessToken(String token) {
        if (token.length() > 8192 || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            org.springframework.security.oauth2.jwt.Jwt decoded = jwt.decoder().decode(token);
            return decoded.hasClaim("client_id") ? Optional.empty() : Optional.of(decoded);
        } catch (org.springframework.security.oauth2.jwt.JwtException e) {
            return Optional.empty();
        }
    }

    private static java.util.List<String> scopes(org.springframework.security.oauth2.jwt.Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String s && !s.isBlank()) {
            return java.util.List.of(s.trim().split(" +"));
        }
        return scope instanceof java.util.Collection<?> c
                ? c.stream().map(String::valueOf).toList()
                : java.util.List.of();
    }

    /** Ends the login the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
    public void logout(String refreshToken) {
        if (refreshToken == null || !FORMAT.matcher(refreshToken).matches()) {
            return;
        }
        refreshTokens.find(refreshToken).ifPresent(row -> revokeLogin(row.familyId(), clock.instant(), "logout"));
    }

    /**
     * Ends the login {@code loginId} for {@code reason} (an upstream said the person's access ended), in the caller's
     * transaction when there is one; true when this call ended it.
     */
    public boolean endLogin(String loginId, String reason) {
        return tx.execute(s -> {
            Instant now = clock.instant();
            boolean ended = logins.revoke(loginId, now, reason);
            if (ended) {
                // its relying parties are told (back-channel logout), once this transaction commits
                listeners.forEach(l -> l.loginsEnded(List.of(loginId), reason, null));
            }
            refreshTokens.revokeFamily(loginId, now);
            return ended;
        });
    }

    /** Ends the login by its id ({@code sid} claim). */
    public void logoutLogin(String loginId) {
        revokeLogin(loginId, clock.instant(), "logout", null);
    }

    /**
     * Ends the login by its id at the request of the relying party {@code clientId} (RP-initiated
     * logout with an {@code id_token_hint}): the other relying parties of the login are told, that
     * one already knows.
     */
    public void logoutLogin(String loginId, String clientId) {
        revokeLogin(loginId, clock.instant(), "logout", clientId);
    }

    private int revokeLogin(String loginId, Instant now, String reason) {
        return revokeLogin(loginId, now, reason, null);
    }

    private int revokeLogin(String loginId, Instant now, String reason, String initiator) {
        if (loginId == null) {
            return 0;
        }
        return tx.execute(s -> {
            if (logins.revoke(loginId, now, reason)) {
                // only the call that ended the login tells the listeners: ending it again tells no one twice
                listeners.forEach(l -> l.loginsEnded(List.of(loginId), reason, initiator));
            }
            return refreshTokens.revokeFamily(loginId, now);
        });
    }

    private TokenResponse response(Account account, Login login, String refresh) {
        return response(account, login, refresh, accounts.identitiesOf(account.id()));
    }

    private TokenResponse response(Account account, Login login, String refresh, List<ExternalIdentity> identities) {
        return new TokenResponse(
                jwt.issue(account, login),
                "Bearer",
                jwt.ttl().toSeconds(),
                refresh,
                AccountView.of(account, identities));
    }
}
