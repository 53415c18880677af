package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.wecom.ExpiringStore;
import io.wegate.sandbox.wecom.RandomIds;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * user_tickets from snsapi_privateinfo sign-ins, valid 1800 s for the app they were issued to, see <a
 * href="https://developer.work.weixin.qq.com/document/path/95833">获取访问用户敏感信息</a>. Reusable within that
 * time: the docs do not say they are single use.
 */
public final class UserTickets {

    public static final Duration LIFETIME = Duration.ofSeconds(1800);

    private final Clock clock;
    private final ExpiringStore<Ticket> tickets;

    public UserTickets(Clock clock) {
        this.clock = clock;
        this.tickets = new ExpiringStore<>(clock, Ticket::expiresAt);
    }

    public String issue(String agentId, String userid) {
        Ticket ticket = new Ticket(
                RandomIds.userTicket(), agentId, userid, clock.instant().plus(LIFETIME));
        tickets.put(ticket.value(), ticket);
        return ticket.value();
    }

    /**
     * The userid the ticket was issued for.
     *
     * @throws WeComException {@link WeComError#INVALID_USER_TICKET} if unknown, expired or issued to another app
     */
    public String userid(String value, App app) {
        Ticket ticket = tickets.get(value);
        if (ticket == null
                || !clock.instant().isBefore(ticket.expiresAt())
                || !ticket.agentId().equals(app.agentId())) {
            throw new WeComException(WeComError.INVALID_USER_TICKET);
        }
        return ticket.userid();
    }

    private record Ticket(String value, String agentId, String userid, Instant expiresAt) {}
}
