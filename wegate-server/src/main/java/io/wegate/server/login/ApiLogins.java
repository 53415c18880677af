package io.wegate.server.login;

import io.wegate.server.account.Account;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.TokenResponse;
import io.wegate.server.token.TokenService;
import java.util.function.Supplier;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The end every API login shares: wegate's tokens for the account, counted by flow and outcome. */
@Component
public final class ApiLogins {

    private final TokenService tokens;
    private final LoginMetrics metrics;
    private final LoginRateLimit rateLimit;

    public ApiLogins(TokenService tokens, LoginMetrics metrics, LoginRateLimit rateLimit) {
        this.tokens = tokens;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
    }

    /**
     * @param method the {@code amr} of the tokens: {@code wecom} or {@code wechat}
     */
    public ResponseEntity<TokenResponse> issue(String flow, String method, Supplier<Account> login) {
        return issue(flow, method, java.util.UUID.randomUUID().toString(), f -> login.get());
    }

    /**
     * As {@link #issue(String, String, Supplier)}, for a login that keeps something under its
     * session id (the token family) before the tokens exist.
     */
    public ResponseEntity<TokenResponse> issue(
            String flow, String method, String family, java.util.function.Function<String, Account> login) {
        try {
            rateLimit.check();
            TokenResponse response = tokens.issueInFamily(login.apply(family), family, method);
            metrics.record(flow, "success");
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
        } catch (RuntimeException e) {
            metrics.failure(flow, e);
            rateLimit.failed(e);
            throw e;
        }
    }

    /** A login body must carry its code. */
    public static void requireCode(String code) {
        if (code == null || code.isBlank()) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "code is required");
        }
    }
}
