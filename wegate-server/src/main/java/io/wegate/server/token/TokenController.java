package io.wegate.server.token;

import io.wegate.client.redact.Redactor;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Refresh, logout and the JWKS. */
@RestController
class TokenController {

    /** The body of refresh and logout. */
    record RefreshRequest(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[refreshToken=" + Redactor.MASK + "]";
        }
    }

    private final TokenService tokens;
    private final SigningKeys keys;

    TokenController(TokenService tokens, SigningKeys keys) {
        this.tokens = tokens;
        this.keys = keys;
    }

    @PostMapping(value = "/api/v1/token/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> refresh(@RequestBody RefreshRequest body) {
        if (body == null || body.refreshToken() == null) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "refresh_token is required");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens.refresh(body.refreshToken()));
    }

    /** Ends the login of the refresh token given, and the browser session if there is one. */
    @PostMapping(value = "/api/v1/logout")
    ResponseEntity<Void> logout(@RequestBody(required = false) RefreshRequest body, HttpServletRequest request) {
        if (body != null) {
            tokens.logout(body.refreshToken());
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            Object login = session.getAttribute(BrowserSessions.LOGIN);
            if (login != null) {
                tokens.logoutLogin(login.toString());
            }
            session.invalidate();
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(
                        CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicJwks().toJSONObject(true));
    }
}
