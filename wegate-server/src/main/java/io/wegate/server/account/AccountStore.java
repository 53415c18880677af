package io.wegate.server.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Accounts and external identities in SQL (schema: {@code db/migration/V1__accounts_and_tokens.sql}). A plain component,
 * not a {@code @Repository}, as are the other stores: {@link JdbcClient} translates SQL exceptions itself, and the
 * repository proxy added an interception to every statement of a login.
 */
@Component
public class AccountStore {

    private final JdbcClient jdbc;

    public AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findAccount(String id) {
        return jdbc.sql("select * from account where id = ?")
                .param(id)
                .query(AccountStore::account)
                .optional();
    }

    public Optional<ExternalIdentity> findIdentity(IdentityKey key) {
        return jdbc.sql("select * from external_identity where provider = ? and tenant_id = ? and subject = ?")
                .params(key.provider(), key.tenantId(), key.subject())
                .query(AccountStore::identity)
                .optional();
    }

    /** An account with every identity linked to it, oldest first. */
    public record Linked(Account account, List<ExternalIdentity> identities) {}

    /**
     * The account that holds the identity {@code key}, with all of that account's identities, in one statement (a
     * known person's login used to take three: the identity, the account, the account's identities); empty when no
     * account holds the key.
     */
    public Optional<Linked> findLinked(IdentityKey key) {
        List<Object[]> rows = jdbc.sql("select a.id as a_id, a.display_name as a_display_name, a.mobile as a_mobile,"
                        + " a.email as a_email, a.status as a_status, a.disabled_reason as a_disabled_reason,"
                        + " a.created_at as a_created_at,"
                        + " a.updated_at as a_updated_at, i.* from external_identity k"
                        + " join account a on a.id = k.account_id"
                        + " join external_identity i on i.account_id = a.id"
                        + " where k.provider = ? and k.tenant_id = ? and k.subject = ? order by i.first_login_at")
                .params(key.provider(), key.tenantId(), key.subject())
                .query((rs, row) -> new Object[] {
                    row == 0
                            ? new Account(
                                    rs.getString("a_id"),
                                    rs.getString("a_display_name"),
                                    rs.getString("a_mobile"),
                                    rs.getString("a_email"),
                                    rs.getString("a_status"),
                                    rs.getString("a_disabled_reason"),
                                    Instant.ofEpochMilli(rs.getLong("a_created_at")),
                                    Instant.ofEpochMilli(rs.getLong("a_updated_at")))
                            : null,
                    identity(rs, row)
                })
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Linked(
                (Account) rows.get(0)[0],
                rows.stream().map(r -> (ExternalIdentity) r[1]).toList()));
    }

    /** The ids of the accounts with this (normalised) mobile number. */
    public List<String> accountIdsByMobile(String mobile) {
        return jdbc.sql("select id from account where mobile = ?")
                .param(mobile)
                .query(String.class)
                .list();
    }

    /** Replaces the account's WeCom departments of one corp. */
    public void replaceDepartments(String accountId, String tenantId, java.util.Map<Integer, String> departments) {
        jdbc.sql("delete from account_department where account_id = ? and tenant_id = ?")
                .params(accountId, tenantId)
                .update();
        departments.forEach((id, name) -> jdbc.sql("insert into account_department (account_id, tenant_id,"
                        + " department_id, department_name) values (?, ?, ?, ?)")
                .params(accountId, tenantId, id, name)
                .update());
    }

    /** The account's departments as {@code tenant/id name}. */
    public List<AccountView.DepartmentView> departmentsOf(String accountId) {
        return jdbc.sql("select tenant_id, department_id, department_name from account_department where account_id = ?"
                        + " order by tenant_id, department_id")
                .param(accountId)
                .query((rs, n) -> new AccountView.DepartmentView(
                        rs.getString("tenant_id"), rs.getLong("department_id"), rs.getString("department_name")))
                .list();
    }

    public List<ExternalIdentity> identitiesOf(String accountId) {
        return jdbc.sql("select * from external_identity where account_id = ? order by first_login_at")
                .param(accountId)
                .query(AccountStore::identity)
                .list();
    }

    public void insertAccount(Account a) {
        jdbc.sql("insert into account (id, display_name, mobile, email, status, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        a.id(),
                        a.displayName(),
                        a.mobile(),
                        a.email(),
                        a.status(),
                        a.createdAt().toEpochMilli(),
                        a.updatedAt().toEpochMilli())
                .update();
    }

    public void insertIdentity(ExternalIdentity i) {
        jdbc.sql("insert into external_identity (id, account_id, provider, tenant_id, subject, app_id, profile,"
                        + " first_login_at, last_login_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        i.id(),
                        i.accountId(),
                        i.provider(),
                        i.tenantId(),
                        i.subject(),
                        i.appId(),
                        i.profile(),
                        i.firstLoginAt().toEpochMilli(),
                        i.lastLoginAt().toEpochMilli())
                .update();
    }

    public void recordLogin(String identityId, String appId, String profile, Instant at) {
        jdbc.sql("update external_identity set app_id = ?, profile = ?, last_login_at = ? where id = ?")
                .params(appId, profile, at.toEpochMilli(), identityId)
                .update();
    }

    /** Fills in contact details the upstream verified, without overwriting what the account has. */
    public void fillContact(String accountId, String mobile, String email, Instant at) {
        jdbc.sql("update account set mobile = coalesce(mobile, ?), email = coalesce(email, ?), updated_at = ?"
                        + " where id = ?")
                .params(mobile, email, at.toEpochMilli(), accountId)
                .update();
    }

    public void rename(String accountId, String displayName, Instant at) {
        jdbc.sql("update account set display_name = ?, updated_at = ? where id = ?")
                .params(displayName, at.toEpochMilli(), accountId)
                .update();
    }

    /**
     * Takes the account's row lock for the caller's transaction (an update of {@code updated_at}, which locks the
     * same way on H2, PostgreSQL and MariaDB), so that two administrative changes of one account run one after the
     * other: two simultaneous unlinks cannot both see a second identity. False when there is no such account.
     */
    public boolean lockForChange(String accountId, Instant now) {
        return jdbc.sql("update account set updated_at = ? where id = ?")
                        .params(now.toEpochMilli(), accountId)
                        .update()
                == 1;
    }

    /** Sets the account's status and why it is not active (null when it is); true when something changed. */
    public boolean setStatus(String accountId, String status, String disabledReason, Instant now) {
        return jdbc.sql("update account set status = ?, disabled_reason = ?, updated_at = ? where id = ?"
                                + " and (status <> ? or coalesce(disabled_reason, '') <> ?)")
                        .params(
                                status,
                                disabledReason,
                                now.toEpochMilli(),
                                accountId,
                                status,
                                disabledReason == null ? "" : disabledReason)
                        .update()
                == 1;
    }

    /** Removes one identity of an account (what refers to it must have gone first). */
    public boolean deleteIdentity(String accountId, String identityId) {
        return jdbc.sql("delete from external_identity where id = ? and account_id = ?")
                        .params(identityId, accountId)
                        .update()
                == 1;
    }

    public long countAccounts() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getString("id"),
                rs.getString("display_name"),
                rs.getString("mobile"),
                rs.getString("email"),
                rs.getString("status"),
                rs.getString("disabled_reason"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static ExternalIdentity identity(ResultSet rs, int row) throws SQLException {
        return new ExternalIdentity(
                rs.getString("id"),
                rs.getString("account_id"),
                rs.getString("provider"),
                rs.getString("tenant_id"),
                rs.getString("subject"),
                rs.getString("app_id"),
                rs.getString("profile"),
                Instant.ofEpochMilli(rs.getLong("first_login_at")),
                Instant.ofEpochMilli(rs.getLong("last_login_at")),
                rs.getString("access_ended"));
    }
}
