package io.wegate.server.token;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AccountView;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    public TokenService(
            JwtTokens jwt,
            RefreshTokens refreshTokens,
            Logins logins,
            AccountStore accounts,
            TokenProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.jwt = jwt;
        this.refreshTokens = refreshTokens;
        this.logins = logins;
        this.accounts = accounts;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records a new login of {@code account}, made by {@code method}, now. */
    public Login begin(Account account, LoginMethod method) {
        Instant now = clock.instant();
        return logins.create(account.id(), method, now, now.plus(properties.refreshTokenTtl()));
    }

    /** Another token pair for a login that still stands (the first one, or a browser session's). */
    public TokenResponse issue(Account account, Login login) {
        Instant now = clock.instant();
        if (!login.liveAt(now) || !login.accountId().equals(account.id())) {
            throw new ApiException(GatewayError.LOGIN_ENDED);
        }
        String refresh = refreshTokens.create(login.id(), account.id(), now, login.expiresAt());
        return response(account, login, refresh);
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
        RefreshTokens.Row row = refreshTokens.find(refreshToken).orElse(null);
        if (row != null && row.usedAt() != null && row.revokedAt() == null) {
            int revoked = revokeLogin(row.familyId(), now, "refresh_token_reused");
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
        refreshTokens.find(refreshToken).ifPresent(row -> revokeLogin(row.familyId(), clock.instant(), "logout"));
    }

    /** Ends the login by its id ({@code sid} claim). */
    public void logoutLogin(String loginId) {
        revokeLogin(loginId, clock.instant(), "logout");
    }

    private int revokeLogin(String loginId, Instant now, String reason) {
        return tx.execute(s -> {
            logins.revoke(loginId, now, reason);
            return refreshTokens.revokeFamily(loginId, now);
        });
    }

    private TokenResponse response(Account account, Login login, String refresh) {
        return new TokenResponse(
                jwt.issue(account, login),
                "Bearer",
                jwt.ttl().toSeconds(),
                refresh,
                AccountView.of(account, accounts.identitiesOf(account.id())));
    }
}
