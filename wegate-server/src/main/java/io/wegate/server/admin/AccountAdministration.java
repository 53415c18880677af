package io.wegate.server.admin;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.offboarding.Offboarding;
import io.wegate.server.token.Login;
import io.wegate.server.token.Logins;
import io.wegate.server.token.TokenService;
import io.wegate.server.upstream.LoginApps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an administrator does to an account, through the admin API or the command line: disable it (every live login
 * ends, the next ones are refused), enable it, end its logins, unlink one of its identities. Each change is one
 * transaction with its audit record (a failure changes nothing), takes the account's row lock first (two changes of
 * one account run one after the other), and is idempotent.
 */
@Service
public class AccountAdministration {

    /** {@code revoke_reason} of the logins a disable ended. */
    static final String DISABLED = "admin_disabled";

    /** {@code revoke_reason} of the logins an administrator's logout ended. */
    static final String LOGOUT = "admin_logout";

    /** {@code revoke_reason} of the logins of an identity an administrator unlinked. */
    static final String UNLINKED = "admin_unlinked";

    /** What one change did. */
    public record Change(
            String accountId, String status, String disabledReason, boolean changed, List<String> endedLogins) {}

    private final AccountStore accounts;
    private final Logins logins;
    private final TokenService tokens;
    private final Offboarding offboarding;
    private final AdminAudit audit;
    private final LoginsThroughIdentity throughIdentity;
    private final TransactionTemplate tx;
    private final Clock clock;

    AccountAdministration(
            AccountStore accounts,
            Logins logins,
            TokenService tokens,
            Offboarding offboarding,
            AdminAudit audit,
            LoginApps apps,
            TransactionTemplate tx,
            Clock clock) {
        this.accounts = accounts;
        this.logins = logins;
        this.tokens = tokens;
        this.offboarding = offboarding;
        this.audit = audit;
        this.throughIdentity = new LoginsThroughIdentity(apps);
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Disables the account ({@code disabled_reason} {@code admin}, whatever disabled it before: only an administrator
     * enables it again) and ends its live logins.
     *
     * @param reason what the administrator said, for the audit log; may be null
     */
    public Change disable(String accountId, String reason, String via) {
        String why = AdminReason.check(reason);
        return tx.execute(s -> {
            Instant now = clock.instant();
            Account before = lock(accountId, now);
            boolean changed = accounts.setStatus(accountId, Account.DISABLED, Account.BY_ADMIN, now);
            List<String> ended = endLogins(logins.liveOf(accountId, now), DISABLED);
            audit.record(
                    "admin.account.disabled",
                    via,
                    accountId,
                    "by=admin " + transition(before, Account.DISABLED, Account.BY_ADMIN) + ", " + ended.size()
                            + " login(s) ended" + (why == null ? "" : ", reason: " + why));
            return new Change(accountId, Account.DISABLED, Account.BY_ADMIN, changed, ended);
        });
    }

    /** Enables the account, whoever disabled it (an administrator, or offboarding). */
    public Change enable(String accountId, String via) {
        return tx.execute(s -> {
            Instant now = clock.instant();
            Account before = lock(accountId, now);
            boolean changed = accounts.setStatus(accountId, Account.ACTIVE, null, now);
            audit.record(
                    "admin.account.enabled", via, accountId, "by=admin " + transition(before, Account.ACTIVE, null));
            return new Change(accountId, Account.ACTIVE, null, changed, List.of());
        });
    }

    /** Ends every live login of the account; the account stays as it is. */
    public Change logout(String accountId, String via) {
        return tx.execute(s -> {
            Instant now = clock.instant();
            Account before = lock(accountId, now);
            List<String> ended = endLogins(logins.liveOf(accountId, now), LOGOUT);
            audit.record("admin.account.logged_out", via, accountId, "by=admin " + ended.size() + " login(s) ended");
            return new Change(accountId, before.status(), before.disabledReason(), !ended.isEmpty(), ended);
        });
    }

    /**
     * Unlinks and removes one identity of the account: the logins it made end, what upstreams said about its access
     * goes with it; its next login is a stranger's (a new account, or the link policy's refusal). The account's only
     * identity is refused ({@link GatewayError#LAST_IDENTITY}).
     */
    public Change unlink(String accountId, String identityId, String via) {
        return tx.execute(s -> {
            Instant now = clock.instant();
            Account before = lock(accountId, now);
            List<ExternalIdentity> identities = accounts.identitiesOf(accountId);
            ExternalIdentity identity = identities.stream()
                    .filter(i -> i.id().equals(identityId))
                    .findFirst()
                    .orElseThrow(() -> new ApiException(GatewayError.UNKNOWN_IDENTITY, identityId));
            if (identities.size() == 1) {
                throw new ApiException(GatewayError.LAST_IDENTITY);
            }
            List<String> ended = endLogins(throughIdentity.of(identity, logins.liveOf(accountId, now)), UNLINKED);
            offboarding.forget(identityId);
            accounts.deleteIdentity(accountId, identityId);
            audit.record(
                    "admin.identity.unlinked",
                    via,
                    accountId,
                    identity.key(),
                    "by=admin identity " + identityId + " (app " + identity.appId() + "), " + ended.size()
                            + " login(s) ended");
            return new Change(accountId, before.status(), before.disabledReason(), true, ended);
        });
    }

    /**
     * The one place where the logins these admin actions end are collected, in the action's transaction.
     *
     * @return the ids ({@code sid}) of the logins this call ended
     */
    private List<String> endLogins(List<Login> live, String reason) {
        List<String> endedLoginIds = new ArrayList<>();
        for (Login login : live) {
            if (tokens.endLogin(login.id(), reason)) {
                endedLoginIds.add(login.id());
            }
        }
        // TODO back-channel: loginsEnded(ids, reason). Since the back-channel logout landed on main,
        //  TokenService.endLogin already tells every LoginsEndedListener of each login it ends, in this
        //  transaction (deliveries go out once it commits); a batched call with endedLoginIds would go here.
        return List.copyOf(endedLoginIds);
    }

    private Account lock(String accountId, Instant now) {
        if (!accounts.lockForChange(accountId, now)) {
            throw new ApiException(GatewayError.UNKNOWN_ACCOUNT, accountId);
        }
        // read under the lock: a change that committed meanwhile is what this one starts from
        return accounts.findAccount(accountId).orElseThrow();
    }

    private static String transition(Account before, String status, String reason) {
        String was = before.status() + (before.disabledReason() == null ? "" : " (" + before.disabledReason() + ")");
        String now = status + (reason == null ? "" : " (" + reason + ")");
        return was.equals(now) ? "already " + now : was + " -> " + now;
    }
}
