package io.wegate.server.login;

import io.wegate.server.account.Account;
import io.wegate.server.account.LinkTickets;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.web.PublicBaseUrl;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The two halves every browser login shares, whatever the upstream: the start (check return_to,
 * bind a fresh state to the browser, redirect to the upstream's page) and the callback (check the
 * state and the binding, log in, start the session, go back to return_to).
 */
@Component
public final class BrowserLogins {

    /** Binds a login to the browser that started it; HttpOnly, scoped to the login paths. */
    public static final String BINDING_COOKIE = "WEGATE_LOGIN";

    private static final Pattern BINDING = Pattern.compile("[A-Za-z0-9]{43}");

    /** What a flow does with the code once the state checked out. */
    @FunctionalInterface
    public interface Login {
        Account login(LoginState state, String code);
    }

    private final LoginStates states;
    private final LoginPolicy policy;
    private final LoginProperties properties;
    private final BrowserSessions sessions;
    private final PublicBaseUrl publicBaseUrl;
    private final LoginMetrics metrics;
    private final LinkTickets linkTickets;
    private final LoginRateLimit rateLimit;

    public BrowserLogins(
            LoginStates states,
            LoginPolicy policy,
            LoginProperties properties,
            BrowserSessions sessions,
            PublicBaseUrl publicBaseUrl,
            LoginMetrics metrics,
            LinkTickets linkTickets,
            LoginRateLimit rateLimit) {
        this.states = states;
        this.policy = policy;
        this.properties = properties;
        this.sessions = sessions;
        this.publicBaseUrl = publicBaseUrl;
        this.metrics = metrics;
        this.linkTickets = linkTickets;
        this.rateLimit = rateLimit;
    }

    /**
     * Redirects the browser to the upstream's page.
     *
     * @param callbackPath e.g. {@code /login/wecom/callback}
     * @param authorizeUrl the upstream page for (redirect_uri, state)
     */
    public ResponseEntity<Void> start(
            String flow,
            String appId,
            String returnTo,
            String linkTicket,
            String bindingCookie,
            String callbackPath,
            BiFunction<String, String, URI> authorizeUrl) {
        try {
            String target = policy.returnTo(returnTo == null || returnTo.isEmpty() ? "/" : returnTo)
                    .orElseThrow(() -> new ApiException(GatewayError.RETURN_TO_NOT_ALLOWED));
            String linkTo = linkTickets.consume(linkTicket);
            // keep an existing binding so that two login tabs of one browser do not break each other
            String binding =
                    bindingCookie != null && BINDING.matcher(bindingCookie).matches()
                            ? bindingCookie
                            : states.randomString(43);
            String redirectUri = publicBaseUrl.resolve(callbackPath);
            String state = states.begin(flow, appId, target, redirectUri, binding, linkTo);
            ResponseCookie cookie = ResponseCookie.from(BINDING_COOKIE, binding)
                    .httpOnly(true)
                    .secure(publicBaseUrl.isHttps())
                    .sameSite("Lax")
                    .path("/login")
                    .maxAge(properties.stateTtl())
                    .build();
            return ResponseEntity.status(HttpStatus.FOUND)
                    .header(
                            HttpHeaders.LOCATION,
                            authorizeUrl.apply(redirectUri, state).toString())
                    .header(HttpHeaders.SET_COOKIE, cookie.toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        } catch (RuntimeException e) {
            metrics.failure(flow, e);
            throw e;
        }
    }

    /** Checks the state, logs in, starts the browser session and returns to return_to. */
    public ResponseEntity<Void> finish(
            String flow, String code, String state, String bindingCookie, HttpServletRequest request, Login login) {
        try {
            rateLimit.check();
            LoginState s = states.finish(state, flow, bindingCookie);
            if (code == null || code.isEmpty()) {
                // WeCom and WeChat send only the state when the person refuses
                throw new ApiException(GatewayError.LOGIN_CANCELLED);
            }
            Account account = login.login(s, code);
            sessions.start(request, account);
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
}
