package io.wegate.server.backchannel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code backchannel_delivery} table (Flyway V10), and the one question it asks of the
 * authorization server's: which relying parties hold an authorization under a login. Instants are
 * epoch millis; of two instances claiming one delivery exactly one gets it.
 */
final class BackChannelDeliveries {

    /** A relying party (its registered id) that got an ID token under a login of an account. */
    record Holder(String registeredClientId, String loginId, String accountId) {}

    /** Few logins end at once but for an offboarding; {@code in (...)} lists stay well below any limit. */
    private static final int CHUNK = 200;

    private final JdbcClient jdbc;

    BackChannelDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The relying parties that got an ID token (and so hold a session with its {@code sid}) under
     * any of {@code loginIds}, each login once per relying party.
     */
    List<Holder> holders(Collection<String> loginIds) {
        List<String> ids = loginIds.stream().distinct().toList();
        List<Holder> holders = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            StringJoiner marks = new StringJoiner(", ", "(", ")");
            chunk.forEach(i -> marks.add("?"));
            holders.addAll(jdbc.sql("select distinct a.registered_client_id, a.login_id, l.account_id"
                            + " from oidc_authorization a join account_login l on l.id = a.login_id"
                            + " where a.id_token_hash is not null and a.login_id in " + marks)
                    .params(chunk)
                    .query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .list());
        }
        return holders;
    }

    boolean exists(String clientId, String loginId) {
        return jdbc.sql("select count(*) from backchannel_delivery where client_id = ? and login_id = ?")
                        .params(clientId, loginId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** A new pending delivery, due at once. */
    void insert(String id, String clientId, Holder holder, String issuer, String reason, Instant now) {
        jdbc.sql("insert into backchannel_delivery (id, client_id, login_id, account_id, issuer, reason, status,"
                        + " attempts, created_at, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .params(
                        id,
                        clientId,
                        holder.loginId(),
                        holder.accountId(),
                        issuer,
                        reason,
                        BackChannelDelivery.PENDING,
                        now.toEpochMilli(),
                        now.toEpochMilli())
                .update();
    }

    /** The ids of the pending deliveries due at {@code now}, the longest waiting first. */
    List<String> due(Instant now, int limit) {
        // "limit ?" reads the same on H2, PostgreSQL and MariaDB
        return jdbc.sql("select id from backchannel_delivery where status = ? and next_attempt_at <= ?"
                        + " order by next_attempt_at limit ?")
                .params(BackChannelDelivery.PENDING, now.toEpochMilli(), limit)
                .query(String.class)
                .list();
    }

    /** A delivery to send, with what its token needs. */
    record Claimed(
            String id,
            String clientId,
            String loginId,
            String accountId,
            String issuer,
            int attempts,
            Instant createdAt,
            String reason) {}

    /**
     * Takes the delivery {@code id} for one attempt if it is due at {@code now}: counts the attempt
     * and moves its next attempt to {@code leaseEnd}, so that no other instance sends it meanwhile
     * and, should this one die while sending, another one does after the lease. The update is
     * conditional on the attempts read: of two instances claiming at once, one gets it.
     */
    Optional<Claimed> claim(String id, Instant now, Instant leaseEnd) {
        Optional<Claimed> read = jdbc.sql(
                        "select id, client_id, login_id, account_id, issuer, attempts, created_at, reason"
                                + " from backchannel_delivery where id = ? and status = ? and next_attempt_at <= ?")
                .params(id, BackChannelDelivery.PENDING, now.toEpochMilli())
                .query((rs, n) -> new Claimed(
                        rs.getString("id"),
                        rs.getString("client_id"),
                        rs.getString("login_id"),
                        rs.getString("account_id"),
                        rs.getString("issuer"),
                        rs.getInt("attempts"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getString("reason")))
                .optional();
        return read.filter(c -> jdbc.sql("update backchannel_delivery set attempts = attempts + 1,"
                                        + " next_attempt_at = ? where id = ? and status = ? and attempts = ?"
                                        + " and next_attempt_at <= ?")
                                .params(
                                        leaseEnd.toEpochMilli(),
                                        id,
                                        BackChannelDelivery.PENDING,
                                        c.attempts(),
                                        now.toEpochMilli())
                                .update()
                        == 1)
                .map(c -> new Claimed(
                        c.id(),
                        c.clientId(),
                        c.loginId(),
                        c.accountId(),
                        c.issuer(),
                        c.attempts() + 1,
                        c.createdAt(),
                        c.reason()));
    }

    void delivered(String id, Instant at, int status) {
        jdbc.sql("update backchannel_delivery set status = ?, delivered_at = ?, last_status = ?, last_error = null"
                        + " where id = ?")
                .params(BackChannelDelivery.DELIVERED, at.toEpochMilli(), status, id)
                .update();
    }

    void retryAt(String id, Instant next, Integer status, String error) {
        jdbc.sql("update backchannel_delivery set next_attempt_at = ?, last_status = ?, last_error = ? where id = ?")
                .params(next.toEpochMilli(), status, error, id)
                .update();
    }

    void gaveUp(String id, Integer status, String error) {
        jdbc.sql("update backchannel_delivery set status = ?, last_status = ?, last_error = ? where id = ?")
                .params(BackChannelDelivery.GIVEN_UP, status, error, id)
                .update();
    }

    /** The deliveries of one account's logins, the newest first (at most {@code limit}). */
    List<BackChannelDelivery> ofAccount(String accountId, int limit) {
        return jdbc.sql("select * from backchannel_delivery where account_id = ? order by created_at desc, id limit ?")
                .params(accountId, limit)
                .query((rs, n) -> new BackChannelDelivery(
                        rs.getString("id"),
                        rs.getString("client_id"),
                        rs.getString("login_id"),
                        rs.getString("account_id"),
                        rs.getString("reason"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getObject("last_status") == null ? null : rs.getInt("last_status"),
                        rs.getString("last_error"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                        rs.getObject("delivered_at") == null
                                ? null
                                : Instant.ofEpochMilli(((Number) rs.getObject("delivered_at")).longValue())))
                .list();
    }
}
