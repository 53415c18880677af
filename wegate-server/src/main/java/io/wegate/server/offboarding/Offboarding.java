package io.wegate.server.offboarding;

import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AuditLog;
import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.account.IdentityKey;
import io.wegate.server.token.TokenService;
import io.wegate.server.upstream.LoginApps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns what an upstream says about a person's access (a callback event, a reconciliation finding) into wegate's
 * state, in one transaction: access ended for an app (or for all of the identity's apps) ends every login made
 * through it (its refresh tokens, browser sessions and relying parties' tokens die with the login, and introspection
 * answers inactive at once), refuses the identity's next logins there, and under the {@code disable-account} policy
 * disables an account left with no usable identity. Access coming back undoes the refusal, and re-enables an account
 * that offboarding (not an administrator) disabled. Each change carries the upstream's own time: an older report
 * arriving after a newer one changes nothing.
 */
@Service
public class Offboarding {

    /** What one report did. */
    public enum Result {
        /** Access ended now (logins ended, later logins refused). */
        ENDED,
        /** Access came back. */
        RESTORED,
        /** Already in that state: nothing changed. */
        UNCHANGED,
        /** A newer report about the same identity and app was applied before: nothing changed. */
        STALE,
        /** wegate knows no such identity: nothing to do. */
        UNKNOWN_IDENTITY
    }

    /** What one report did, and the logins it ended. */
    public record Outcome(Result result, String accountId, List<String> endedLogins, boolean accountDisabled) {

        static Outcome of(Result result) {
            return new Outcome(result, null, List.of(), false);
        }
    }

    /** What the app's {@code offboarding} setting says to do. */
    public enum Policy {
        END_LOGINS,
        DISABLE_ACCOUNT;

        public static Policy of(String value) {
            return "disable-account".equals(value) ? DISABLE_ACCOUNT : END_LOGINS;
        }
    }

    private final AccountStore accounts;
    private final IdentityAccess access;
    private final TokenService tokens;
    private final AuditLog audit;
    private final LoginApps apps;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Offboarding(
            AccountStore accounts,
            IdentityAccess access,
            TokenService tokens,
            AuditLog audit,
            LoginApps apps,
            TransactionTemplate tx,
            Clock clock) {
        this.accounts = accounts;
        this.access = access;
        this.tokens = tokens;
        this.audit = audit;
        this.apps = apps;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The upstream says {@code key} may no longer use {@code app} (a WeCom agentid, a WeChat appid, or
     * {@link ExternalIdentity#ALL_APPS}).
     *
     * @param block whether later logins there are refused until the upstream says access is back (WeCom: yes; a
     *     WeChat revocation: no, a new login is a new authorisation)
     */
    public Outcome end(IdentityKey key, String app, String reason, Instant changedAt, Policy policy, boolean block) {
        return inTransaction(key, app, changedAt, (identity, before) -> {
            Instant now = clock.instant();
            boolean wasEnded = before != null && IdentityAccess.ENDED.equals(before.state());
            if (block) {
                access.set(identity.id(), app, IdentityAccess.ENDED, reason, changedAt, now);
            }
            List<String> ended = new ArrayList<>();
            for (String login : access.liveLogins(identity.accountId(), key.provider(), loginApps(key, app), now)) {
                if (tokens.endLogin(login, "offboarded")) {
                    ended.add(login);
                }
            }
            boolean disabled = false;
            if (policy == Policy.DISABLE_ACCOUNT && noUsableIdentity(identity.accountId(), block ? null : identity)) {
                disabled = access.disableAccount(identity.accountId(), now);
            }
            if (wasEnded && ended.isEmpty() && !disabled) {
                return new Outcome(Result.UNCHANGED, identity.accountId(), List.of(), false);
            }
            audit.record(
                    identity.accountId(),
                    "access_ended",
                    key,
                    reason + " (app " + app + "): " + ended.size() + " login(s) ended"
                            + (disabled ? ", account disabled" : ""));
            return new Outcome(Result.ENDED, identity.accountId(), List.copyOf(ended), disabled);
        });
    }

    /** The upstream says {@code key} may use {@code app} again. */
    public Outcome restore(IdentityKey key, String app, String reason, Instant changedAt) {
        return restore(key, app, reason, changedAt, true);
    }

    /**
     * {@link #restore(IdentityKey, String, String, Instant)}; {@code record} false for a finding that changes
     * nothing (the reconciliation's "still visible"), which then leaves no row behind.
     */
    public Outcome restore(IdentityKey key, String app, String reason, Instant changedAt, boolean record) {
        return inTransaction(key, app, changedAt, (identity, before) -> {
            Instant now = clock.instant();
            if (before == null || IdentityAccess.ACTIVE.equals(before.state())) {
                if ((before == null && record) || (before != null && !changedAt.isBefore(before.changedAt()))) {
                    // recorded with its time even when nothing changes, so that an older ending arriving late
                    // (a retry, a redelivery) is recognised as older
                    access.set(identity.id(), app, IdentityAccess.ACTIVE, reason, changedAt, now);
                }
                return new Outcome(Result.UNCHANGED, identity.accountId(), List.of(), false);
            }
            access.set(identity.id(), app, IdentityAccess.ACTIVE, reason, changedAt, now);
            boolean enabled = !noUsableIdentity(identity.accountId(), null)
                    && access.enableOffboardedAccount(identity.accountId(), now);
            audit.record(
                    identity.accountId(),
                    "access_restored",
                    key,
                    reason + " (app " + app + ")" + (enabled ? ", account enabled" : ""));
            return new Outcome(Result.RESTORED, identity.accountId(), List.of(), false);
        });
    }

    /**
     * The member {@code from} now has the userid {@code newSubject} (WeCom's {@code NewUserID}): the identity follows,
     * so that the old userid, once free again, cannot log in to this person's account. An identity wegate still has under
     * the new userid belonged to someone who left (WeCom gives out only free userids): it is retired first. False
     * when wegate knows no such identity.
     */
    public boolean renameSubject(IdentityKey from, String newSubject, Instant changedAt, Policy policy) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            ExternalIdentity identity = accounts.findIdentity(from).orElse(null);
            if (identity == null || newSubject.length() > 64) {
                return false;
            }
            IdentityKey to = new IdentityKey(from.provider(), from.tenantId(), newSubject);
            if (accounts.findIdentity(to).isPresent()) {
                // WeCom hands a userid to a member only when it is free: whoever held it here has left. Retired, so
                // that this member never logs in to the departed one's account
                retire(to, "userid taken by another member", changedAt, policy);
            }
            access.rename(identity.id(), newSubject, clock.instant());
            audit.record(identity.accountId(), "identity_renamed", to, "userid changed from " + from.subject());
            return true;
        }));
    }

    /**
     * The member {@code key} was deleted from the corp: their access to every app ends, and the identity is retired
     * (its subject becomes {@code <userid>#retired:<id>}), because WeCom may give the userid to a new member, who must
     * get an account of their own, never the departed one's. A retired identity matches no login again; an
     * administrator can link the person anew.
     */
    public Outcome retire(IdentityKey key, String reason, Instant changedAt, Policy policy) {
        return tx.execute(s -> {
            Outcome ended = end(key, ExternalIdentity.ALL_APPS, reason, changedAt, policy, true);
            ExternalIdentity identity = accounts.findIdentity(key).orElse(null);
            if (identity != null) {
                String retired = key.subject() + "#retired:" + identity.id();
                access.rename(
                        identity.id(),
                        retired.length() <= 128 ? retired : "#retired:" + identity.id(),
                        clock.instant());
                audit.record(identity.accountId(), "identity_retired", key, reason);
            }
            return ended;
        });
    }

    /**
     * Forgets what upstreams said about the identity's access, in the caller's transaction: the identity is about to
     * be unlinked from its account (and removed), and its record must not outlive it.
     */
    public void forget(String identityId) {
        access.deleteOf(identityId);
    }

    /**
     * Runs {@code change} in one transaction with the identity and what was recorded for it and {@code app} before,
     * unless wegate knows no such identity or a newer report was applied already.
     */
    private Outcome inTransaction(
            IdentityKey key,
            String app,
            Instant changedAt,
            java.util.function.BiFunction<ExternalIdentity, IdentityAccess.Row, Outcome> change) {
        return tx.execute(s -> {
            ExternalIdentity identity = accounts.findIdentity(key).orElse(null);
            if (identity == null) {
                return Outcome.of(Result.UNKNOWN_IDENTITY);
            }
            IdentityAccess.Row before = access.find(identity.id(), app).orElse(null);
            if (before != null && before.changedAt().isAfter(changedAt)) {
                return Outcome.of(Result.STALE);
            }
            return change.apply(identity, before);
        });
    }

    /**
     * The login apps (configuration ids, as {@code account_login.app_id} holds them) through which {@code key} logs
     * in to {@code app}.
     */
    private List<String> loginApps(IdentityKey key, String app) {
        boolean all = ExternalIdentity.ALL_APPS.equals(app);
        if (key.provider().equals("wecom")) {
            return apps.wecom().stream()
                    .filter(a -> a.app().corpId().equals(key.tenantId()))
                    .filter(a -> all || a.app().agentId().equals(app))
                    .map(LoginApps.WeComLoginApp::id)
                    .toList();
        }
        return apps.wechat().stream()
                .filter(a -> all || a.app().appId().equals(app))
                .map(LoginApps.WeChatLoginApp::id)
                .toList();
    }

    /**
     * Whether none of the account's identities can still log in anywhere: each has its access ended for all its
     * apps ({@code *}, or every configured app that serves it). {@code alsoEnded} counts as ended though nothing was
     * recorded for it (a WeChat revocation, which does not block).
     */
    private boolean noUsableIdentity(String accountId, ExternalIdentity alsoEnded) {
        for (ExternalIdentity i : accounts.identitiesOf(accountId)) {
            if (alsoEnded != null && i.id().equals(alsoEnded.id())) {
                continue;
            }
            if (usable(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean usable(ExternalIdentity i) {
        if (i.accessEnded() == null) {
            return true;
        }
        if (i.accessEndedFor(ExternalIdentity.ALL_APPS)) {
            return false;
        }
        Set<String> serving = new HashSet<>();
        if (i.provider().equals("wecom")) {
            apps.wecom().stream()
                    .filter(a -> a.app().corpId().equals(i.tenantId()))
                    .forEach(a -> serving.add(a.app().agentId()));
        } else {
            apps.wechat().forEach(a -> serving.add(a.app().appId()));
        }
        return serving.stream().anyMatch(app -> !i.accessEndedFor(app));
    }
}
