package io.wegate.server.account;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links upstream logins to local accounts, by these rules in this order:
 *
 * <ol>
 *   <li>an explicit link (a link ticket of a logged-in account) attaches the identity to that
 *       account, unless it already belongs to another;
 *   <li>a known identity (its key or an alias, e.g. the openid beside a unionid) logs into its
 *       account, and the login's other keys are added to it;
 *   <li>with {@link LinkPolicy#VERIFIED_MOBILE} or {@link LinkPolicy#EXISTING_ONLY}, a mobile number
 *       the upstream verified links to the one account that has it;
 *   <li>otherwise {@link LinkPolicy#EXISTING_ONLY} refuses, and the others create an account.
 * </ol>
 *
 * Display names never match anything. Every link and refusal is audited.
 */
@Service
public class AccountService {

    private final AccountStore store;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AccountService(AccountStore store, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The account for this login under {@code policy} (rules 2 to 4; rule 1 is {@link #link}). */
    public Account login(ExternalLogin login, LinkPolicy policy) {
        return login(login, policy, (account, identities) -> account);
    }

    /**
     * The account for this login under {@code policy}, handed to {@code then} (a new login and its tokens) in the
     * same transaction with every identity of the account as they stand after this login (read with the account in
     * the same statement, not again): a login is one commit, and a failure anywhere leaves nothing behind.
     */
    public <T> T login(ExternalLogin login, LinkPolicy policy, BiFunction<Account, List<ExternalIdentity>, T> then) {
        Done<T> done;
        try {
            try {
                done = tx.execute(s -> loginOnce(login, policy, then));
            } catch (DuplicateKeyException raced) {
                // A simultaneous first login of the same identity committed first; our transaction
                // rolled back whole. Now the identity exists: take the known-identity path.
                done = tx.execute(s -> loginOnce(login, policy, then));
            }
        } catch (ApiException e) {
            if (e.error() == GatewayError.ACCOUNT_DISABLED || e.error() == GatewayError.ACCESS_ENDED) {
                // audited outside the rolled-back work, so the refusal is on record
                audit.record(null, "login_refused", login.key(), e.error().code());
            }
            throw e;
        }
        if (done == null) {
            // audited outside the rolled-back work, so the refusal is on record
            audit.record(null, "login_refused", login.key(), "link-policy existing-only: no provisioned account");
            throw new ApiException(GatewayError.ACCOUNT_NOT_PROVISIONED);
        }
        return done.value();
    }

    /** What the follow-up of a login gave; null stands for a login the policy refused. */
    private record Done<T>(T value) {}

    private <T> Done<T> loginOnce(
            ExternalLogin login, LinkPolicy policy, BiFunction<Account, List<ExternalIdentity>, T> then) {
        Identities found = new Identities(login.allKeys());
        Account account = once(login, policy, found);
        if (account == null) {
            return null;
        }
        List<ExternalIdentity> identities = found.identitiesOf(account.id());
        requireAccess(login, account, identities);
        return new Done<>(then.apply(account, identities));
    }

    /**
     * Refuses the login of a disabled account, or through an identity whose access to this app an upstream said has
     * ended (offboarding); the caller's transaction rolls back, so nothing of the login is written.
     */
    private static void requireAccess(ExternalLogin login, Account account, List<ExternalIdentity> identities) {
        for (ExternalIdentity i : identities) {
            if (i.accessEndedFor(login.appId()) && login.allKeys().contains(i.key())) {
                throw new ApiException(GatewayError.ACCESS_ENDED);
            }
        }
        if (!Account.ACTIVE.equals(account.status())) {
            throw new ApiException(GatewayError.ACCOUNT_DISABLED);
        }
    }

    /**
     * Attaches the identity of {@code login} to {@code accountId} (an explicit link its holder asked
     * for and confirmed), unless it belongs to another account; returns the account.
     */
    public Account link(ExternalLogin login, String accountId) {
        return link(login, accountId, (account, identities) -> account);
    }

    /**
     * {@link #link(ExternalLogin, String)}, then {@code then} with the account and its identities in the same
     * transaction.
     */
    public <T> T link(ExternalLogin login, String accountId, BiFunction<Account, List<ExternalIdentity>, T> then) {
        try {
            return tx.execute(s -> linkOnce(login, accountId, then));
        } catch (DuplicateKeyException raced) {
            return tx.execute(s -> linkOnce(login, accountId, then));
        }
    }

    private <T> T linkOnce(ExternalLogin login, String accountId, BiFunction<Account, List<ExternalIdentity>, T> then) {
        Identities found = new Identities(login.allKeys());
        Account account = linkExplicitly(login, accountId, clock.instant(), found);
        List<ExternalIdentity> identities = found.identitiesOf(account.id());
        requireAccess(login, account, identities);
        return then.apply(account, identities);
    }

    /**
     * Pre-provisions the account of an identity (the WeCom directory import): created when unknown,
     * left as it is when known. Returns the account id.
     */
    public String provision(IdentityKey key, String appId, String name, String mobile, String email, String profile) {
        ExternalLogin login = new ExternalLogin(key, List.of(), appId, name, mobile, email, profile);
        try {
            return provisionOnce(login);
        } catch (DuplicateKeyException raced) {
            return provisionOnce(login);
        }
    }

    private String provisionOnce(ExternalLogin login) {
        return tx.execute(s -> {
            Optional<ExternalIdentity> known = store.findIdentity(login.key());
            if (known.isPresent()) {
                return known.get().accountId();
            }
            Account account = create(login, clock.instant(), null);
            audit.record(account.id(), "account_provisioned", login.key(), "WeCom directory import");
            return account.id();
        });
    }

    /** Rules 2 to 4, in the caller's transaction; null when the policy refuses. */
    private Account once(ExternalLogin login, LinkPolicy policy, Identities found) {
        Instant now = clock.instant();
        Optional<ExternalIdentity> known = found.any();
        if (known.isPresent()) {
            return loginKnown(login, known.get().accountId(), now, found);
        }
        if (policy != LinkPolicy.CREATE && login.verifiedMobile() != null) {
            List<String> byMobile = store.accountIdsByMobile(login.verifiedMobile());
            if (byMobile.size() == 1) {
                addMissingKeys(login, byMobile.get(0), now, "identity_linked", "verified mobile number", found);
                return loginKnown(login, byMobile.get(0), now, found);
            }
        }
        if (policy == LinkPolicy.EXISTING_ONLY) {
            return null;
        }
        return create(login, now, found);
    }

    private Account linkExplicitly(ExternalLogin login, String accountId, Instant now, Identities found) {
        Optional<ExternalIdentity> known = found.any();
        if (known.isPresent() && !known.get().accountId().equals(accountId)) {
            throw new ApiException(GatewayError.IDENTITY_LINKED_ELSEWHERE);
        }
        addMissingKeys(login, accountId, now, "identity_linked", "explicit link by the account holder", found);
        return loginKnown(login, accountId, now, found);
    }

    private Account loginKnown(ExternalLogin login, String accountId, Instant now, Identities found) {
        addMissingKeys(login, accountId, now, "identity_linked", "same person: another key in the same login", found);
        for (IdentityKey k : login.allKeys()) {
            found.of(k).filter(i -> i.accountId().equals(accountId)).ifPresent(i -> {
                store.recordLogin(i.id(), login.appId(), login.profile(), now);
                found.recorded(i, login.appId(), login.profile(), now);
            });
        }
        Account account = found.account(accountId);
        if ((account.mobile() == null && login.verifiedMobile() != null)
                || (account.email() == null && login.email() != null)) {
            // fills what the account lacks, never overwrites (a number WeCom stopped sending stays)
            store.fillContact(accountId, login.verifiedMobile(), login.email(), now);
            account = store.findAccount(accountId).orElseThrow();
        }
        if (login.displayName() != null && account.displayName().equals(login.placeholderName())) {
            // the account was created by a login without a name (a mini program): name it now
            store.rename(accountId, truncate(login.displayName()), now);
            account = store.findAccount(accountId).orElseThrow();
        }
        return account;
    }

    private Account create(ExternalLogin login, Instant now, Identities found) {
        String name = login.displayName() != null ? login.displayName() : login.placeholderName();
        Account account = new Account(
                UUID.randomUUID().toString(),
                truncate(name),
                login.verifiedMobile(),
                login.email(),
                Account.ACTIVE,
                null,
                now,
                now);
        store.insertAccount(account);
        if (found != null) {
            found.created(account);
        }
        audit.record(account.id(), "account_created", login.key(), "first login through app " + login.appId());
        for (IdentityKey k : login.allKeys()) {
            ExternalIdentity created = identity(account.id(), k, login, now);
            store.insertIdentity(created);
            if (found != null) {
                found.added(created, k);
            }
        }
        return account;
    }

    /** Adds the login's keys that no account has yet to {@code accountId}. */
    private void addMissingKeys(
            ExternalLogin login, String accountId, Instant now, String event, String why, Identities found) {
        for (IdentityKey k : login.allKeys()) {
            if (found.of(k).isEmpty()) {
                ExternalIdentity added = identity(accountId, k, login, now);
                store.insertIdentity(added);
                found.added(added, k);
                audit.record(accountId, event, k, why);
            }
        }
    }

    /**
     * The identities a login's keys name, each looked up once per transaction, and the account of the first key
     * with all its identities, read in the same statement as that key (a known person's login used to read the
     * identity three times, the account once and the account's identities once more for the answer).
     */
    private final class Identities {
        private final Map<IdentityKey, Optional<ExternalIdentity>> byKey = new LinkedHashMap<>();
        /** The account the first key belongs to and its identities as this transaction left them; or null. */
        private Account linkedAccount;

        private List<ExternalIdentity> linkedIdentities;
        private final List<IdentityKey> keys;

        Identities(List<IdentityKey> keys) {
            this.keys = keys;
            IdentityKey first = keys.get(0);
            Optional<AccountStore.Linked> linked = store.findLinked(first);
            if (linked.isPresent()) {
                linkedAccount = linked.get().account();
                linkedIdentities = new ArrayList<>(linked.get().identities());
                for (ExternalIdentity i : linkedIdentities) {
                    byKey.put(new IdentityKey(i.provider(), i.tenantId(), i.subject()), Optional.of(i));
                }
            } else {
                byKey.put(first, Optional.empty());
            }
            for (IdentityKey k : keys) {
                byKey.computeIfAbsent(k, store::findIdentity);
            }
        }

        /** The first key's identity that exists, in the login's key order. */
        Optional<ExternalIdentity> any() {
            return keys.stream().map(this::of).flatMap(Optional::stream).findFirst();
        }

        /** The account this transaction just created: it has the identities added next and no other. */
        void created(Account account) {
            linkedAccount = account;
            linkedIdentities = new ArrayList<>();
        }

        Optional<ExternalIdentity> of(IdentityKey k) {
            return byKey.computeIfAbsent(k, store::findIdentity);
        }

        void added(ExternalIdentity identity, IdentityKey k) {
            byKey.put(k, Optional.of(identity));
            if (linkedAccount != null && linkedAccount.id().equals(identity.accountId())) {
                linkedIdentities.add(identity);
            }
        }

        /** The identity {@code i} after {@link AccountStore#recordLogin}. */
        void recorded(ExternalIdentity i, String appId, String profile, Instant at) {
            if (linkedIdentities != null) {
                linkedIdentities.replaceAll(x -> x.id().equals(i.id())
                        ? new ExternalIdentity(
                                x.id(),
                                x.accountId(),
                                x.provider(),
                                x.tenantId(),
                                x.subject(),
                                appId,
                                profile,
                                x.firstLoginAt(),
                                at,
                                x.accessEnded())
                        : x);
            }
        }

        /** The account {@code id}, as read with the first key when it is that one. */
        Account account(String id) {
            return linkedAccount != null && linkedAccount.id().equals(id)
                    ? linkedAccount
                    : store.findAccount(id).orElseThrow();
        }

        /** The identities of account {@code id} as they stand now in this transaction. */
        List<ExternalIdentity> identitiesOf(String id) {
            return linkedAccount != null && linkedAccount.id().equals(id)
                    ? List.copyOf(linkedIdentities)
                    : store.identitiesOf(id);
        }
    }

    private static String truncate(String name) {
        return name.length() <= 128 ? name : name.substring(0, 128);
    }

    private static ExternalIdentity identity(String accountId, IdentityKey k, ExternalLogin login, Instant now) {
        return new ExternalIdentity(
                UUID.randomUUID().toString(),
                accountId,
                k.provider(),
                k.tenantId(),
                k.subject(),
                login.appId(),
                login.profile(),
                now,
                now,
                null);
    }
}
