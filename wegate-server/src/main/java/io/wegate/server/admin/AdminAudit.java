package io.wegate.server.admin;

import io.wegate.server.account.AuditLog;
import io.wegate.server.account.IdentityKey;
import org.springframework.stereotype.Component;

/**
 * The audit trail of the admin API and the admin commands: every change, with what changed (never
 * a secret) and where it came from ({@code api} or {@code cli}).
 */
@Component
public class AdminAudit {

    private final AuditLog audit;

    public AdminAudit(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Records one admin change, e.g. {@code record("admin.client.created", "api", "client_id=grafana")}.
     *
     * @param accountId the account concerned, or {@code null}
     */
    public void record(String event, String via, String accountId, String detail) {
        record(event, via, accountId, null, detail);
    }

    /** {@link #record(String, String, String, String)} about one identity of the account. */
    public void record(String event, String via, String accountId, IdentityKey identity, String detail) {
        audit.record(accountId, event, identity, "via=" + via + " " + detail);
    }
}
