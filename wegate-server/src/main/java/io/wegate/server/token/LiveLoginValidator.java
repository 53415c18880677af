package io.wegate.server.token;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import java.time.Clock;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Accepts an access token on wegate's own endpoints only while its login ({@code sid}) stands and
 * its account is active: a revoked login's tokens stop working here at once.
 */
@Component
final class LiveLoginValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2TokenValidatorResult ENDED = OAuth2TokenValidatorResult.failure(
            new OAuth2Error("invalid_token", "the login of this token has ended", null));

    private final Logins logins;
    private final AccountStore accounts;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<PairwiseSubjects> pairwise;

    LiveLoginValidator(
            Logins logins,
            AccountStore accounts,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<PairwiseSubjects> pairwise) {
        this.logins = logins;
        this.accounts = accounts;
        this.clock = clock;
        this.pairwise = pairwise;
    }

    /**
     * The token's {@code sub} is its login's account, or (an OIDC access token of a pairwise client)
     * that account's pairwise subject for the token's {@code client_id}.
     */
    private boolean subjectOf(Login l, Jwt jwt) {
        if (l.accountId().equals(jwt.getSubject())) {
            return true;
        }
        PairwiseSubjects p = pairwise.getIfAvailable();
        return p != null && p.matches(jwt.getSubject(), l.accountId(), jwt.getClaimAsString("client_id"));
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        boolean live = logins.find(jwt.getClaimAsString("sid"))
                .filter(l -> l.liveAt(clock.instant()) && subjectOf(l, jwt))
                .flatMap(l -> accounts.findAccount(l.accountId()))
                .filter(a -> Account.ACTIVE.equals(a.status()))
                .isPresent();
        return live ? OAuth2TokenValidatorResult.success() : ENDED;
    }
}
