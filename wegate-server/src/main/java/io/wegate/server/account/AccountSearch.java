package io.wegate.server.account;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds accounts for an administrator: by account id, display name (a substring, any case), mobile number, email, or
 * the subject of one of their identities (a WeCom userid, a WeChat openid or unionid); newest first, a page at a
 * time. The next page starts after the cursor of the last one (created_at and id, so a page boundary holds while
 * accounts are added).
 */
@Component
public class AccountSearch {

    /** The most accounts one page holds. */
    public static final int MAX_LIMIT = 100;

    /** One account found. */
    public record Found(
            String id, String displayName, String status, String disabledReason, Instant createdAt, int identities) {}

    /** One page; {@code nextCursor} is null on the last one. */
    public record Page(List<Found> accounts, String nextCursor) {}

    private final JdbcClient jdbc;

    public AccountSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param q what to look for; null or blank: every account
     * @param cursor the {@code nextCursor} of the page before, or null for the first
     */
    public Page find(String q, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "limit must be 1-" + MAX_LIMIT);
        }
        if (q != null && q.length() > 200) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "q must be at most 200 characters");
        }
        StringBuilder sql = new StringBuilder("select a.id, a.display_name, a.status, a.disabled_reason, a.created_at,"
                + " (select count(*) from external_identity c where c.account_id = a.id) as identity_count"
                + " from account a where 1 = 1");
        List<Object> params = new ArrayList<>();
        String term = q == null ? "" : q.strip();
        if (!term.isEmpty()) {
            String mobile = Mobiles.normalize(null, term);
            // '!' escapes LIKE's wildcards: a backslash means something else in MariaDB's string literals
            sql.append(" and (a.id = ? or lower(a.display_name) like ? escape '!' or a.mobile = ?"
                    + " or lower(a.email) = ? or exists (select 1 from external_identity i"
                    + " where i.account_id = a.id and i.subject = ?))");
            params.add(term);
            params.add("%" + likeEscaped(term.toLowerCase(Locale.ROOT)) + "%");
            params.add(mobile != null ? mobile : term);
            params.add(term.toLowerCase(Locale.ROOT));
            params.add(term);
        }
        if (cursor != null && !cursor.isEmpty()) {
            Cursor after = Cursor.parse(cursor);
            sql.append(" and (a.created_at < ? or (a.created_at = ? and a.id < ?))");
            params.add(after.createdAt());
            params.add(after.createdAt());
            params.add(after.id());
        }
        // "limit ?" reads the same on H2, PostgreSQL and MariaDB; one more row says whether a next page exists
        sql.append(" order by a.created_at desc, a.id desc limit ?");
        params.add(limit + 1);
        List<Found> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Found(
                        rs.getString("id"),
                        rs.getString("display_name"),
                        rs.getString("status"),
                        rs.getString("disabled_reason"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        rs.getInt("identity_count")))
                .list();
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        Found last = rows.get(limit - 1);
        return new Page(
                List.copyOf(rows.subList(0, limit)), new Cursor(last.createdAt().toEpochMilli(), last.id()).toString());
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Where a page ended: opaque to callers (base64url of {@code created_at:id}). */
    private record Cursor(long createdAt, String id) {

        static Cursor parse(String value) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = s.indexOf(':');
                String id = s.substring(colon + 1);
                if (colon < 1 || id.isEmpty() || id.length() > 36) {
                    throw new IllegalArgumentException(value);
                }
                return new Cursor(Long.parseLong(s.substring(0, colon)), id);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new ApiException(GatewayError.INVALID_REQUEST, "cursor is not one this API answered");
            }
        }

        @Override
        public String toString() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
        }
    }
}
