package io.wegate.server.account;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.web.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time tickets for explicit linking. A logged-in account asks for one; the ticket belongs to
 * the login that asked (its {@code sid}) and is honoured only when that same login presents it
 * again: the same browser session, or an API call carrying that login's access token. Anyone else
 * holding the ticket (a victim lured to a URL with it) is refused and the refusal is audited.
 * Stored as hashes, single use, ten minutes.
 */
@Component
public class LinkTickets {

    public static final Duration TTL = Duration.ofMinutes(10);
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private record Row(String accountId, String loginId, long expiresAt, Long usedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random;
    private final AuditLog audit;

    public LinkTickets(JdbcClient jdbc, Clock clock, SecureRandom random, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
    }

    /** A ticket for {@code accountId}, bound to the login {@code loginId} that asks for it. */
    public String issue(String accountId, String loginId) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        jdbc.sql("insert into link_ticket (ticket_hash, account_id, login_id, expires_at) values (?, ?, ?, ?)")
                .params(
                        Sha256.hex(ticket),
                        accountId,
                        loginId,
                        clock.instant().plus(TTL).toEpochMilli())
                .update();
        return ticket;
    }

    /**
     * Checks that {@code ticket} is usable by the login {@code presenterLoginId} (the live login of
     * whoever presents it, or null), without using it up. Null ticket: no explicit link.
     */
    public LinkIntent check(String ticket, String presenterLoginId) {
        if (ticket == null) {
            return null;
        }
        Row row = find(ticket)
                .filter(r -> r.usedAt() == null && r.expiresAt() > clock.millis())
                .orElseThrow(() -> new ApiException(GatewayError.INVALID_LINK_TICKET));
        if (presenterLoginId == null
                || row.loginId() == null
                || !MessageDigest.isEqual(
                        row.loginId().getBytes(StandardCharsets.UTF_8),
                        presenterLoginId.getBytes(StandardCharsets.UTF_8))) {
            audit.record(
                    row.accountId(),
                    "link_refused",
                    null,
                    presenterLoginId == null
                            ? "link ticket presented without the login that asked for it"
                            : "link ticket presented by another login");
            throw new ApiException(GatewayError.LINK_TICKET_NOT_YOURS);
        }
        return new LinkIntent(row.accountId(), row.loginId());
    }

    /** Uses the ticket up; false when another request used it first. */
    public boolean consume(String ticket) {
        long now = clock.millis();
        return jdbc.sql("update link_ticket set used_at = ? where ticket_hash = ? and used_at is null"
                                + " and expires_at > ?")
                        .params(now, Sha256.hex(ticket), now)
                        .update()
                == 1;
    }

    /** {@link #check} then {@link #consume}: the ticket is spent by its own login. */
    public LinkIntent redeem(String ticket, String presenterLoginId) {
        LinkIntent intent = check(ticket, presenterLoginId);
        if (intent != null && !consume(ticket)) {
            throw new ApiException(GatewayError.INVALID_LINK_TICKET);
        }
        return intent;
    }

    private Optional<Row> find(String ticket) {
        if (!FORMAT.matcher(ticket).matches()) {
            throw new ApiException(GatewayError.INVALID_LINK_TICKET);
        }
        return jdbc.sql("select account_id, login_id, expires_at, used_at from link_ticket where ticket_hash = ?")
                .param(Sha256.hex(ticket))
                .query((rs, n) -> new Row(
                        rs.getString("account_id"),
                        rs.getString("login_id"),
                        rs.getLong("expires_at"),
                        rs.getObject("used_at") == null ? null : rs.getLong("used_at")))
                .optional();
    }
}
