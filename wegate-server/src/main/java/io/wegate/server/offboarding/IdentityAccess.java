package io.wegate.server.offboarding;

import io.wegate.server.account.ExternalIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code identity_access} table (what an upstream said about an identity's access, per app, with the upstream's
 * own time of the change), the summary of it on {@code external_identity.access_ended}, and the account's
 * offboarding status. Runs in the caller's transaction.
 */
@Component
class IdentityAccess {

    static final String ENDED = "ended";
    static final String ACTIVE = "active";

    private final JdbcClient jdbc;

    IdentityAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(String state, String reason, Instant changedAt) {}

    Optional<Row> find(String identityId, String app) {
        return jdbc.sql("select state, reason, changed_at from identity_access where identity_id = ? and app_id = ?")
                .params(identityId, app)
                .query((rs, n) -> new Row(
                        rs.getString("state"), rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("changed_at"))))
                .optional();
    }

    /** Records {@code state} for the identity and app, then refreshes the identity's summary. */
    void set(String identityId, String app, String state, String reason, Instant changedAt, Instant now) {
        int updated = jdbc.sql("update identity_access set state = ?, reason = ?, changed_at = ?, updated_at = ?"
                        + " where identity_id = ? and app_id = ?")
                .params(state, reason, changedAt.toEpochMilli(), now.toEpochMilli(), identityId, app)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into identity_access (identity_id, app_id, state, reason, changed_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(identityId, app, state, reason, changedAt.toEpochMilli(), now.toEpochMilli())
                    .update();
        }
        List<String> ended = jdbc.sql(
                        "select app_id from identity_access where identity_id = ? and state = ? order by app_id")
                .params(identityId, ENDED)
                .query(String.class)
                .list();
        String summary = ended.isEmpty()
                ? null
                : ended.contains(ExternalIdentity.ALL_APPS) ? ExternalIdentity.ALL_APPS : String.join(",", ended);
        if (summary != null && summary.length() > 512) {
            summary = ExternalIdentity.ALL_APPS; // more ended apps than the summary holds: refuse them all
        }
        jdbc.sql("update external_identity set access_ended = ? where id = ?")
                .params(summary, identityId)
                .update();
    }

    /** Gives the identity a new subject (the upstream changed the person's id). */
    void rename(String identityId, String subject, Instant now) {
        jdbc.sql("update external_identity set subject = ? where id = ?")
                .params(subject, identityId)
                .update();
    }

    /** Forgets what was recorded for the identity (before the identity itself goes). */
    int deleteOf(String identityId) {
        return jdbc.sql("delete from identity_access where identity_id = ?")
                .param(identityId)
                .update();
    }

    /** Disables an active account for offboarding; true when this call disabled it. */
    boolean disableAccount(String accountId, Instant now) {
        return jdbc.sql("update account set status = 'disabled', disabled_reason = 'offboarded', updated_at = ?"
                                + " where id = ? and status = 'active'")
                        .params(now.toEpochMilli(), accountId)
                        .update()
                == 1;
    }

    /** Enables an account that offboarding disabled (never one an administrator disabled); true when it did. */
    boolean enableOffboardedAccount(String accountId, Instant now) {
        return jdbc.sql("update account set status = 'active', disabled_reason = null, updated_at = ?"
                                + " where id = ? and status = 'disabled' and disabled_reason = 'offboarded'")
                        .params(now.toEpochMilli(), accountId)
                        .update()
                == 1;
    }

    /** The ids of the account's logins through {@code upstream} and one of {@code loginApps} that still stand. */
    List<String> liveLogins(String accountId, String upstream, List<String> loginApps, Instant now) {
        if (loginApps.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql("select id, app_id from account_login where account_id = ? and upstream = ?"
                        + " and revoked_at is null and expires_at > ?")
                .params(accountId, upstream, now.toEpochMilli())
                .query((rs, n) -> loginApps.contains(rs.getString("app_id")) ? rs.getString("id") : null)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
