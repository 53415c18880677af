package io.wegate.server.login;

import io.wegate.server.account.AccountService;
import io.wegate.server.account.LinkIntent;
import io.wegate.server.account.LinkTickets;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.Login;
import io.wegate.server.token.TokenService;
import io.wegate.server.web.PublicBaseUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.function.BiFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The two halves every browser login shares, whatever the upstream: the start (check return_to and
 * any link ticket, bind a fresh state to the browser, redirect to the upstream's page) and the
 * callback (check the state against the browser, exchange the code, then either start the session
 * and go back to return_to, or, for an explicit link, ask the person to confirm it).
 */
@Component
public final class BrowserLogins {

    /** Logins a browser may have in progress at once; older ones are dropped at a new start. */
    static final int PENDING = 3;

    /**
     * The longest return_to, in its normal (percent-encoded) form: the login cookie carries it, and
     * {@link #PENDING} of them must stay well within the 8 KiB request header of the server.
     */
    static final int MAX_RETURN_TO = 1024;

    /** What a flow does with the code once the state checked out. */
    @FunctionalInterface
    public interface Exchange {
        UpstreamLogin exchange(LoginState state, String code);
    }

    private final LoginStates states;
    private final LoginPolicy policy;
    private final BrowserSessions sessions;
    private final TokenService tokens;
    private final AccountService accounts;
    private final PublicBaseUrl publicBaseUrl;
    private final LoginMetrics metrics;
    private final LinkTickets linkTickets;
    private final PendingLinks pendingLinks;
    private final LoginRateLimit rateLimit;

    public BrowserLogins(
            LoginStates states,
            LoginPolicy policy,
            BrowserSessions sessions,
            TokenService tokens,
            AccountService accounts,
            PublicBaseUrl publicBaseUrl,
            LoginMetrics metrics,
            LinkTickets linkTickets,
            PendingLinks pendingLinks,
            LoginRateLimit rateLimit) {
        this.states = states;
        this.policy = policy;
        this.sessions = sessions;
        this.tokens = tokens;
        this.accounts = accounts;
        this.publicBaseUrl = publicBaseUrl;
        this.metrics = metrics;
        this.linkTickets = linkTickets;
        this.pendingLinks = pendingLinks;
        this.rateLimit = rateLimit;
    }

    /**
     * Redirects the browser to the upstream's page.
     *
     * @param linkTicket a link ticket: honoured only when this browser's session is the login that
     *     asked for it
     * @param callbackPath e.g. {@code /login/wecom/callback}
     * @param authorizeUrl the upstream page for (redirect_uri, state)
     */
    public ResponseEntity<Void> start(
            String flow,
            String appId,
            String returnTo,
            String linkTicket,
            HttpServletRequest request,
            String callbackPath,
            BiFunction<String, String, URI> authorizeUrl) {
        try {
            // first, before any work: starting logins is what a flooder does
            rateLimit.started();
            String target = policy.returnTo(returnTo == null || returnTo.isEmpty() ? "/" : returnTo)
                    .filter(t -> t.length() <= MAX_RETURN_TO)
                    .orElseThrow(() -> new ApiException(GatewayError.RETURN_TO_NOT_ALLOWED));
            LinkIntent link = null;
            if (linkTicket != null) {
                String present = sessions.current(request).map(Login::id).orElse(null);
                link = linkTickets.redeem(linkTicket, present);
            }
            String redirectUri = publicBaseUrl.resolve(callbackPath);
            LoginStates.BrowserStart started = states.beginBrowser(flow, appId, target, redirectUri, link);
            ResponseEntity.HeadersBuilder<?> answer = ResponseEntity.status(HttpStatus.FOUND)
                    .header(
                            HttpHeaders.LOCATION,
                            authorizeUrl.apply(redirectUri, started.state()).toString())
                    .header(HttpHeaders.SET_COOKIE, started.cookie().toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
            // with this one, at most PENDING logins: abandoned starts cannot pile up cookies
            for (ResponseCookie old : states.clearingOldest(request, PENDING - 1)) {
                answer.header(HttpHeaders.SET_COOKIE, old.toString());
            }
            return answer.build();
        } catch (RuntimeException e) {
            metrics.failure(flow, e);
            rateLimit.failed(e);
            throw e;
        }
    }

    /**
     * Checks the state, exchanges the code, and starts the session (302 to return_to) or, for an
     * explicit link, shows the confirmation page (200).
     */
    public ResponseEntity<String> finish(
            String flow,
            String code,
            String state,
            HttpServletRequest request,
            HttpServletResponse response,
            Exchange exchange) {
        ResponseCookie clearing = states.clearing(state);
        if (clearing != null) {
            // the login cookie is spent whatever happens next; set on the response itself so that
            // error answers carry it too
            response.addHeader(HttpHeaders.SET_COOKIE, clearing.toString());
        }
        try {
            LoginState s = states.finishBrowser(state, flow, request);
            if (code == null || code.isEmpty()) {
                // WeCom and WeChat send only the state when the person refuses
                throw new ApiException(GatewayError.LOGIN_CANCELLED);
            }
            if (s.link() != null) {
                // the link must still be asked for by the login present in this browser
                requirePresent(request, s.link());
                UpstreamLogin u = exchange.exchange(s, code);
                metrics.record(flow, "link_pending");
                return ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8"))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(pendingLinks.ask(request, s, u));
            }
            UpstreamLogin u = exchange.exchange(s, code);
            // the account and the login in one transaction
            Login login = accounts.login(u.external(), u.policy(), (a, identities) -> tokens.begin(a, u.method()));
            u.onLogin().accept(login);
            sessions.start(request, login);
            metrics.record(flow, "success");
            return ResponseEntity.status(HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, s.returnTo())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        } catch (RuntimeException e) {
            metrics.failure(flow, e);
            rateLimit.failed(e);
            throw e;
        }
    }

    private void requirePresent(HttpServletRequest request, LinkIntent link) {
        String present = sessions.current(request).map(Login::id).orElse(null);
        if (!link.loginId().equals(present)) {
            pendingLinks.refused(link, "the login that asked for the link is no longer the one in this browser");
            throw new ApiException(GatewayError.LINK_TICKET_NOT_YOURS);
        }
    }
}
