package io.wegate.server.token;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountStore;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/session/token}: a page of a logged-in browser gets tokens for its session.
 * Requires the {@code X-Requested-With} header: a cross-site form cannot set it, and a cross-site
 * script cannot send it without a CORS preflight that wegate does not grant (OWASP CSRF sheet).
 */
@RestController
class SessionTokenController {

    private final BrowserSessions sessions;
    private final AccountStore accounts;
    private final TokenService tokens;

    SessionTokenController(BrowserSessions sessions, AccountStore accounts, TokenService tokens) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @PostMapping("/api/v1/session/token")
    ResponseEntity<TokenResponse> token(
            HttpServletRequest request, @RequestHeader(value = "X-Requested-With", required = false) String xrw) {
        if (xrw == null || xrw.isBlank()) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "the X-Requested-With header is required");
        }
        Login login = sessions.current(request).orElseThrow(() -> new ApiException(GatewayError.NOT_LOGGED_IN));
        Account account = accounts.findAccount(login.accountId())
                .filter(a -> Account.ACTIVE.equals(a.status()))
                .orElseThrow(() -> new ApiException(GatewayError.NOT_LOGGED_IN));
        // tokens of the session's own login: same sid, amr and auth_time, and never past its end
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens.issue(account, login));
    }
}
