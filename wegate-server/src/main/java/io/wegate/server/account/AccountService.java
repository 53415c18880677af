package io.wegate.server.account;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links upstream logins to local accounts. An identity is keyed on what the upstream guarantees
 * (WeCom: corpid + userid), never on a display name; the first login creates the account.
 */
@Service
public class AccountService {

    private final AccountStore store;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AccountService(AccountStore store, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** The account for this login, created on the identity's first login. */
    public Account login(ExternalLogin login) {
        try {
            return tx.execute(s -> loginOnce(login));
        } catch (DuplicateKeyException raced) {
            // A simultaneous first login of the same identity committed first; its transaction
            // created the account, ours rolled back whole. Now the identity exists: link to it.
            return tx.execute(s -> loginOnce(login));
        }
    }

    private Account loginOnce(ExternalLogin login) {
        Instant now = clock.instant();
        var existing = store.findIdentity(login.provider(), login.tenantId(), login.subject());
        if (existing.isPresent()) {
            ExternalIdentity identity = existing.get();
            store.recordLogin(identity.id(), login.appId(), login.profile(), now);
            if (login.mobile() != null || login.email() != null) {
                store.fillContact(identity.accountId(), login.mobile(), login.email(), now);
            }
            return store.findAccount(identity.accountId()).orElseThrow();
        }
        Account account = new Account(
                UUID.randomUUID().toString(),
                truncate(login.displayName(), 128),
                login.mobile(),
                login.email(),
                Account.ACTIVE,
                now,
                now);
        store.insertAccount(account);
        store.insertIdentity(new ExternalIdentity(
                UUID.randomUUID().toString(),
                account.id(),
                login.provider(),
                login.tenantId(),
                login.subject(),
                login.appId(),
                login.profile(),
                now,
                now));
        return account;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
