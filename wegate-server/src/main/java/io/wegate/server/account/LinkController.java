package io.wegate.server.account;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/me/link-ticket}: the first step of an explicit link. The logged-in account
 * gets a one-time ticket bound to this login; a login through any flow that carries it
 * ({@code link_ticket}) from the same client (this browser session, or with this access token)
 * attaches that identity to this account, after the person confirms. Linking across WeCom and
 * WeChat happens only this way.
 */
@RestController
class LinkController {

    private final LinkTickets tickets;
    private final AccountStore accounts;

    LinkController(LinkTickets tickets, AccountStore accounts) {
        this.tickets = tickets;
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/me/link-ticket")
    ResponseEntity<Map<String, Object>> linkTicket(@AuthenticationPrincipal Jwt jwt) {
        Account account = accounts.findAccount(jwt.getSubject())
                .orElseThrow(() ->
                        new io.wegate.server.error.ApiException(io.wegate.server.error.GatewayError.UNAUTHORIZED));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(Map.of(
                        "link_ticket",
                        // the Bearer token was checked for a live login (sid) of an active account
                        tickets.issue(account.id(), jwt.getClaimAsString("sid")),
                        "expires_in",
                        LinkTickets.TTL.toSeconds()));
    }
}
