package io.wegate.bench.apps.wxjava;

import java.sql.Timestamp;
import java.time.Clock;
import me.chanjar.weixin.cp.bean.WxCpUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The local users, {@code bench_user} (schema.sql): one row per WeCom userid, inserted or updated at each login. */
@Component
class BenchUsers {

    private static final String UPSERT =
            "merge into bench_user (wecom_userid, name, updated_at) key (wecom_userid) values (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    BenchUsers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts or updates the member's row; its local id. */
    long upsert(WxCpUser user) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.update(UPSERT, user.getUserId(), user.getName(), now);
        } catch (DuplicateKeyException firstLoginsRaced) {
            // two first logins of one member at once: the other one inserted, this merge now updates
            jdbc.update(UPSERT, user.getUserId(), user.getName(), now);
        }
        Long id = jdbc.queryForObject("select id from bench_user where wecom_userid = ?", Long.class, user.getUserId());
        return id;
    }
}
