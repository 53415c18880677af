package io.wegate.server.login;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountService;
import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.account.LinkIntent;
import io.wegate.server.account.LinkTickets;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.Login;
import io.wegate.server.token.TokenResponse;
import io.wegate.server.token.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * What every API login shares after its request was parsed: the upstream exchange, the account
 * (or an explicit link), a new login and its tokens, counted by flow and outcome.
 */
@Component
public final class ApiLogins {

    private final TokenService tokens;
    private final AccountService accounts;
    private final LinkTickets linkTickets;
    private final JwtDecoder jwt;
    private final LoginMetrics metrics;
    private final LoginRateLimit rateLimit;

    public ApiLogins(
            TokenService tokens,
            AccountService accounts,
            LinkTickets linkTickets,
            JwtDecoder jwt,
            LoginMetrics metrics,
            LoginRateLimit rateLimit) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.linkTickets = linkTickets;
        this.jwt = jwt;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
    }

    /**
     * Logs in through {@code upstream}: checks run first (a login without a state is refused while
     * its address has too many failures; a link ticket must come with the access token of the login
     * that asked for it), then the exchange, then the account and the tokens.
     *
     * @param stateless whether this flow has no state to prove the caller started it here
     */
    public ResponseEntity<TokenResponse> login(
            String flow,
            boolean stateless,
            HttpServletRequest request,
            String linkTicket,
            Supplier<UpstreamLogin> upstream) {
        try {
            if (stateless) {
                rateLimit.checkStateless();
            }
            LinkIntent link = linkTicket == null ? null : linkTickets.check(linkTicket, presenterLogin(request));
            UpstreamLogin u = upstream.get();
            // the account, the login and its first tokens in one transaction
            BiFunction<Account, List<ExternalIdentity>, Issued> issue = (account, identities) -> {
                Login login = tokens.begin(account, u.method());
                return new Issued(login, tokens.issue(account, login, identities));
            };
            Issued issued;
            if (link != null) {
                if (!linkTickets.consume(linkTicket)) {
                    throw new ApiException(GatewayError.INVALID_LINK_TICKET);
                }
                issued = accounts.link(u.external(), link.accountId(), issue);
            } else {
                issued = accounts.login(u.external(), u.policy(), issue);
            }
            u.onLogin().accept(issued.login());
            metrics.record(flow, "success");
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(issued.response());
        } catch (RuntimeException e) {
            metrics.failure(flow, e);
            rateLimit.failed(e);
            throw e;
        }
    }

    private record Issued(Login login, TokenResponse response) {}

    /** The live login whose access token came with the request, or null. */
    private String presenterLogin(HttpServletRequest request) {
        String h = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            // the decoder refuses tokens of logins that ended (LiveLoginValidator)
            return jwt.decode(h.substring(7).trim()).getClaimAsString("sid");
        } catch (JwtException e) {
            return null;
        }
    }

    /** A login body must carry its code. */
    public static void requireCode(String code) {
        if (code == null || code.isBlank()) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "code is required");
        }
    }
}
