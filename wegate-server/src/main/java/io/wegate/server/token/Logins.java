package io.wegate.server.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code account_login} table: logins, how they were made, and whether they still stand. */
@Component
public class Logins {

    private final JdbcClient jdbc;

    public Logins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Login create(String accountId, LoginMethod method, Instant now, Instant expiresAt) {
        Login login = new Login(UUID.randomUUID().toString(), accountId, method, now, expiresAt, null);
        jdbc.sql("insert into account_login (id, account_id, upstream, flow, app_id, authenticated_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        login.id(),
                        accountId,
                        method.upstream(),
                        method.flow(),
                        method.appId(),
                        now.toEpochMilli(),
                        expiresAt.toEpochMilli())
                .update();
        return login;
    }

    /** The account's logins that still stand at {@code now}, newest first. */
    public List<Login> liveOf(String accountId, Instant now) {
        return jdbc.sql("select * from account_login where account_id = ? and revoked_at is null and expires_at > ?"
                        + " order by authenticated_at desc, id desc")
                .params(accountId, now.toEpochMilli())
                .query((rs, n) -> login(rs))
                .list();
    }

    public Optional<Login> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from account_login where id = ?")
                .param(id)
                .query((rs, n) -> login(rs))
                .optional();
    }

    private static Login login(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Login(
                rs.getString("id"),
                rs.getString("account_id"),
                new LoginMethod(rs.getString("upstream"), rs.getString("flow"), rs.getString("app_id")),
                Instant.ofEpochMilli(rs.getLong("authenticated_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                rs.getObject("revoked_at") == null
                        ? null
                        : Instant.ofEpochMilli(((Number) rs.getObject("revoked_at")).longValue()));
    }

    /** Ends the login; true when this call ended it (false when it had ended already or is unknown). */
    public boolean revoke(String id, Instant now, String reason) {
        return jdbc.sql(
                                "update account_login set revoked_at = ?, revoke_reason = ? where id = ? and revoked_at is null")
                        .params(now.toEpochMilli(), reason, id)
                        .update()
                == 1;
    }
}
