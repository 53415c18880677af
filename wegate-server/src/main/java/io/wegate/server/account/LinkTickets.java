package io.wegate.server.account;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.web.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time tickets for explicit linking: a logged-in account asks for one, then logs in with another
 * identity carrying it, and that identity is attached to the account. Stored as hashes, single use,
 * ten minutes.
 */
@Repository
public class LinkTickets {

    public static final Duration TTL = Duration.ofMinutes(10);
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random;

    public LinkTickets(JdbcClient jdbc, Clock clock, SecureRandom random) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.random = random;
    }

    public String issue(String accountId) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        jdbc.sql("insert into link_ticket (ticket_hash, account_id, expires_at) values (?, ?, ?)")
                .params(Sha256.hex(ticket), accountId, clock.instant().plus(TTL).toEpochMilli())
                .update();
        return ticket;
    }

    /** The account the ticket names; the ticket is used up. Null ticket means no explicit link. */
    public String consume(String ticket) {
        if (ticket == null) {
            return null;
        }
        if (!FORMAT.matcher(ticket).matches()) {
            throw new ApiException(GatewayError.INVALID_LINK_TICKET);
        }
        long now = clock.millis();
        int used = jdbc.sql("update link_ticket set used_at = ? where ticket_hash = ? and used_at is null"
                        + " and expires_at > ?")
                .params(now, Sha256.hex(ticket), now)
                .update();
        if (used != 1) {
            throw new ApiException(GatewayError.INVALID_LINK_TICKET);
        }
        return jdbc.sql("select account_id from link_ticket where ticket_hash = ?")
                .param(Sha256.hex(ticket))
                .query(String.class)
                .single();
    }
}
