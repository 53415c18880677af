package io.wegate.server.callback;

import io.wegate.server.web.Sha256;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code callback_event} table: every event received, persisted before it is acknowledged, unique per receiver by
 * the event's identity, and processed from this record.
 */
@Component
class CallbackEvents {

    /** The fields kept of an event: what processing reads. Names, mobiles and the rest of the plaintext are not. */
    static final List<String> KEPT = List.of(
            "ToUserName",
            "FromUserName",
            "CreateTime",
            "MsgType",
            "Event",
            "ChangeType",
            "UserID",
            "NewUserID",
            "Status",
            "AgentID",
            "OpenID",
            "UnionID",
            "AppID",
            "RevokeInfo");

    /** One stored event. */
    record Stored(
            String id,
            String receiver,
            String type,
            String subject,
            Instant eventTime,
            Instant receivedAt,
            Map<String, String> detail,
            Instant processedAt,
            String outcome,
            int attempts) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CallbackEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The identity of an event: a hash over every field of its plaintext, in name order. A redelivery carries the same
     * message (re-encrypted, so its ciphertext differs) and has the same identity; so does a replayed request.
     */
    static String identity(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(fields)
                .forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return Sha256.hex(b.toString());
    }

    static Map<String, String> kept(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : KEPT) {
            String v = fields.get(k);
            if (v != null) {
                out.put(k, v.length() <= 128 ? v : v.substring(0, 128));
            }
        }
        return out;
    }

    /**
     * Stores the event unless the receiver has it already; returns the stored row and whether it is new.
     */
    Map.Entry<Stored, Boolean> store(
            String receiver,
            String key,
            String type,
            String subject,
            Instant eventTime,
            Map<String, String> detail,
            Instant now) {
        String id = UUID.randomUUID().toString();
        try {
            jdbc.sql("insert into callback_event (id, receiver, event_key, event_type, subject, event_time,"
                            + " received_at, attempts, detail) values (?, ?, ?, ?, ?, ?, ?, 0, ?)")
                    .params(
                            id,
                            receiver,
                            key,
                            type.length() <= 64 ? type : type.substring(0, 64),
                            subject,
                            eventTime.toEpochMilli(),
                            now.toEpochMilli(),
                            json.writeValueAsString(detail))
                    .update();
            return Map.entry(find(id).orElseThrow(), true);
        } catch (DuplicateKeyException known) {
            Stored existing = jdbc.sql("select * from callback_event where receiver = ? and event_key = ?")
                    .params(receiver, key)
                    .query(this::row)
                    .single();
            return Map.entry(existing, false);
        }
    }

    /** Marks the pending events that failed {@code maxAttempts} times as given up; returns how many. */
    int giveUp(int maxAttempts, Instant now) {
        return jdbc.sql("update callback_event set processed_at = ?, outcome = 'gave_up' where processed_at is null"
                        + " and attempts >= ?")
                .params(now.toEpochMilli(), maxAttempts)
                .update();
    }

    /** Forgets the events received before {@code before}. */
    int purge(Instant before) {
        return jdbc.sql("delete from callback_event where received_at < ?")
                .param(before.toEpochMilli())
                .update();
    }

    Optional<Stored> find(String id) {
        return jdbc.sql("select * from callback_event where id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    /** Counts an attempt at processing (so that a poison event is given up on). */
    void attempted(String id) {
        jdbc.sql("update callback_event set attempts = attempts + 1 where id = ?")
                .param(id)
                .update();
    }

    /** Sets the outcome of an event this transaction claimed. */
    void finish(String id, String outcome) {
        jdbc.sql("update callback_event set outcome = ? where id = ?")
                .params(outcome, id)
                .update();
    }

    /**
     * Marks the event processed with {@code outcome}; false when it was processed already (by another thread or
     * instance: the update waits for that transaction's row lock, then finds the row processed).
     */
    boolean processed(String id, String outcome, Instant now) {
        return jdbc.sql("update callback_event set processed_at = ?, outcome = ? where id = ? and processed_at is null")
                        .params(now.toEpochMilli(), outcome, id)
                        .update()
                == 1;
    }

    /** Events not yet processed, oldest first, received before {@code before}, with fewer than {@code maxAttempts}. */
    List<Stored> pending(Instant before, int maxAttempts, int limit) {
        return jdbc
                .sql("select * from callback_event where processed_at is null and received_at < ? and attempts < ?"
                        + " order by received_at")
                .params(before.toEpochMilli(), maxAttempts)
                .query(this::row)
                .list()
                .stream()
                .limit(limit)
                .toList();
    }

    private Stored row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Object processed = rs.getObject("processed_at");
        return new Stored(
                rs.getString("id"),
                rs.getString("receiver"),
                rs.getString("event_type"),
                rs.getString("subject"),
                Instant.ofEpochMilli(rs.getLong("event_time")),
                Instant.ofEpochMilli(rs.getLong("received_at")),
                json.readValue(rs.getString("detail"), new TypeReference<LinkedHashMap<String, String>>() {}),
                processed == null ? null : Instant.ofEpochMilli(((Number) processed).longValue()),
                rs.getString("outcome"),
                rs.getInt("attempts"));
    }
}
