package io.wegate.server.token;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AccountView;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues token pairs and rotates refresh tokens, following the OAuth 2.0 Security BCP (RFC 9700
 * section 4.14.2): every refresh returns a new refresh token, and presenting a used one revokes the
 * whole family, because one of its two holders must be an attacker.
 */
@Service
public class TokenService {

    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JwtTokens jwt;
    private final RefreshTokens refreshTokens;
    private final AccountStore accounts;
    private final TokenProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    public TokenService(
            JwtTokens jwt,
            RefreshTokens refreshTokens,
            AccountStore accounts,
            TokenProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.jwt = jwt;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new login: a new family, its first refresh token, an access token. */
    public TokenResponse issue(Account account, String method) {
        return issueInFamily(account, UUID.randomUUID().toString(), method);
    }

    /** Another token pair for an existing login (a browser session handing tokens to its page). */
    public TokenResponse issueInFamily(Account account, String family, String method) {
        Instant now = clock.instant();
        String refresh = refreshTokens.create(family, account.id(), now, now.plus(properties.refreshTokenTtl()));
        return response(account, family, refresh, method);
    }

    /** Rotates {@code refreshToken}; a reused one revokes its family. */
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
            Account account = accounts.findAccount(row.accountId())
                    .filter(a -> Account.ACTIVE.equals(a.status()))
                    .orElse(null);
            if (account == null) {
                s.setRollbackOnly();
                return null;
            }
            // the family keeps its original end: rotation does not extend a login forever
            String next = refreshTokens.create(row.familyId(), account.id(), now, row.expiresAt());
            return response(account, row.familyId(), next, "refresh");
        });
        if (rotated != null) {
            return rotated;
        }
        RefreshTokens.Row row = refreshTokens.find(refreshToken).orElse(null);
        if (row != null && row.usedAt() != null && row.revokedAt() == null) {
            int revoked = refreshTokens.revokeFamily(row.familyId(), now);
            log.warn("refresh token reuse detected: revoked {} tokens of login {}", revoked, row.familyId());
            throw new ApiException(GatewayError.REFRESH_TOKEN_REUSED);
        }
        throw new ApiException(GatewayError.INVALID_GRANT);
    }

    /** Ends the login the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
    public void logout(String refreshToken) {
        if (refreshToken == null || !FORMAT.matcher(refreshToken).matches()) {
            return;
        }
        refreshTokens.find(refreshToken).ifPresent(row -> refreshTokens.revokeFamily(row.familyId(), clock.instant()));
    }

    /** Ends the login by its id ({@code sid} claim). */
    public void logoutSession(String familyId) {
        refreshTokens.revokeFamily(familyId, clock.instant());
    }

    private TokenResponse response(Account account, String family, String refresh, String method) {
        return new TokenResponse(
                jwt.issue(account, family, method),
                "Bearer",
                jwt.ttl().toSeconds(),
                refresh,
                AccountView.of(account, accounts.identitiesOf(account.id())));
    }
}
