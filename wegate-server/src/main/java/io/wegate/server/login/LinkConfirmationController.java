package io.wegate.server.login;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.Login;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /login/link/confirm}: the person's answer to "attach this identity to your account?".
 * Only the browser that holds the pending link can answer (it is in its session, with a one-time
 * form token), and only while the login that asked for the link is still the one present; the
 * session cookie is SameSite=Lax, so a cross-site form cannot answer for it.
 */
@RestController
class LinkConfirmationController {

    private final PendingLinks pending;
    private final BrowserSessions sessions;
    private final LoginMetrics metrics;

    LinkConfirmationController(PendingLinks pending, BrowserSessions sessions, LoginMetrics metrics) {
        this.pending = pending;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @PostMapping(value = "/login/link/confirm", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> confirm(
            @RequestParam(value = "token", required = false) String token,
            @RequestParam(value = "decision", required = false) String decision,
            HttpServletRequest request) {
        String present = sessions.current(request).map(Login::id).orElse(null);
        PendingLinks.Pending p = pending.answer(request, token, present)
                .orElseThrow(() -> new ApiException(GatewayError.NO_PENDING_LINK));
        if ("confirm".equals(decision)) {
            try {
                pending.confirm(p);
                metrics.record(p.flow(), "linked");
            } catch (RuntimeException e) {
                metrics.failure(p.flow(), e);
                throw e;
            }
        } else {
            pending.declined(p);
            metrics.record(p.flow(), "link_declined");
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, PendingLinks.returnTo(p))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
