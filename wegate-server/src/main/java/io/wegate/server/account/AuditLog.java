package io.wegate.server.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit trail of account linking: who got which identity, by which rule, and who was refused. */
@Component
public class AuditLog {

    /** One audited event. */
    public record Event(
            long at, String accountId, String event, String provider, String tenantId, String subject, String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String accountId, String event, IdentityKey key, String detail) {
        jdbc.sql("insert into audit_event (id, at, account_id, event, provider, tenant_id, subject, detail)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID().toString(),
                        clock.millis(),
                        accountId,
                        event,
                        key == null ? null : key.provider(),
                        key == null ? null : key.tenantId(),
                        key == null ? null : key.subject(),
                        detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .update();
    }

    private static Event event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Event(
                rs.getLong("at"),
                rs.getString("account_id"),
                rs.getString("event"),
                rs.getString("provider"),
                rs.getString("tenant_id"),
                rs.getString("subject"),
                rs.getString("detail"));
    }

    public List<Event> eventsOf(String accountId) {
        return jdbc.sql("select * from audit_event where account_id = ? order by at, id")
                .param(accountId)
                .query(AuditLog::event)
                .list();
    }

    /**
     * The newest events first, optionally of one account, from {@code sinceMillis} on (inclusive).
     */
    public List<Event> recent(String accountId, long sinceMillis, int limit) {
        return recent(accountId, sinceMillis, Long.MAX_VALUE, limit);
    }

    /**
     * The newest events first, optionally of one account, from {@code sinceMillis} (inclusive) to {@code untilMillis}
     * (exclusive).
     */
    public List<Event> recent(String accountId, long sinceMillis, long untilMillis, int limit) {
        // "limit ?" reads the same on H2, PostgreSQL and MariaDB
        return accountId == null
                ? jdbc.sql("select * from audit_event where at >= ? and at < ? order by at desc, id desc limit ?")
                        .params(sinceMillis, untilMillis, limit)
                        .query(AuditLog::event)
                        .list()
                : jdbc.sql("select * from audit_event where at >= ? and at < ? and account_id = ?"
                                + " order by at desc, id desc limit ?")
                        .params(sinceMillis, untilMillis, accountId, limit)
                        .query(AuditLog::event)
                        .list();
    }

    public List<Event> events(String event) {
        return jdbc.sql("select * from audit_event where event = ? order by at, id")
                .param(event)
                .query(AuditLog::event)
                .list();
    }
}
