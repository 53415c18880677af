package io.wegate.bench.apps.wecomlogin;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contenders' local users: table {@code bench_user} (schema {@code bench-user.sql}), one row per WeCom userid,
 * inserted at the first login and updated (name, login count) at every later one, with Spring JDBC.
 */
public final class BenchUsers {

    // SQL:2003 MERGE, as H2 (and PostgreSQL 15+) run it
    private static final String UPSERT = """
            MERGE INTO bench_user u
            USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)))) AS s (wecom_userid, name)
            ON u.wecom_userid = s.wecom_userid
            WHEN MATCHED THEN UPDATE SET name = s.name, logins = u.logins + 1
            WHEN NOT MATCHED THEN INSERT (wecom_userid, name, logins) VALUES (s.wecom_userid, s.name, 1)
            """;

    private final JdbcTemplate jdbc;

    public BenchUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or updates the member's row; returns its local id. */
    public long upsert(String wecomUserid, String name) {
        try {
            jdbc.update(UPSERT, wecomUserid, name);
        } catch (DuplicateKeyException e) {
            // two first logins of one member at once: both found no row, the other inserted it; now it matches
            jdbc.update(UPSERT, wecomUserid, name);
        }
        Long id = jdbc.queryForObject("SELECT id FROM bench_user WHERE wecom_userid = ?", Long.class, wecomUserid);
        return id;
    }
}
