package io.wegate.server.login.wecom;

import io.wegate.client.redact.Redactor;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.server.account.Account;
import io.wegate.server.login.LoginMetrics;
import io.wegate.server.login.LoginPolicy;
import io.wegate.server.login.LoginStates;
import io.wegate.server.token.TokenResponse;
import io.wegate.server.token.TokenService;
import io.wegate.server.upstream.WeComUpstream;
import io.wegate.server.web.ApiException;
import io.wegate.server.web.GatewayError;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API flow for single-page apps and mobile front ends: get an authorize URL and a state, send
 * the user there, then post back the code and the state for wegate's tokens.
 */
@RestController
class WeComApiLoginController {

    static final String FLOW = "wecom-api";

    /** The body of the login call. */
    record LoginRequest(String code, String state) {
        @Override
        public String toString() {
            return "LoginRequest[code=" + Redactor.MASK + ", state=" + Redactor.MASK + "]";
        }
    }

    private final LoginStates states;
    private final LoginPolicy policy;
    private final WeComUpstream upstream;
    private final WeComLoginService logins;
    private final TokenService tokens;
    private final LoginMetrics metrics;

    WeComApiLoginController(
            LoginStates states,
            LoginPolicy policy,
            WeComUpstream upstream,
            WeComLoginService logins,
            TokenService tokens,
            LoginMetrics metrics) {
        this.states = states;
        this.policy = policy;
        this.upstream = upstream;
        this.logins = logins;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    @GetMapping("/api/v1/login/wecom/authorize-url")
    ResponseEntity<Map<String, String>> authorizeUrl(@RequestParam("redirect_uri") String redirectUri) {
        if (!policy.redirectUriAllowed(redirectUri)) {
            metrics.record(FLOW, GatewayError.REDIRECT_URI_NOT_ALLOWED.code());
            throw new ApiException(GatewayError.REDIRECT_URI_NOT_ALLOWED);
        }
        String state = states.begin(FLOW, null, redirectUri, null);
        String url = WeComOAuth2AuthorizeUrl.build(
                        upstream.authorizeBaseUrl(), upstream.app(), redirectUri, upstream.scope(), state)
                .toString();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("url", url, "state", state));
    }

    @PostMapping(value = "/api/v1/login/wecom", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest body) {
        try {
            if (body == null || body.code() == null || body.code().isBlank()) {
                throw new ApiException(GatewayError.INVALID_REQUEST, "code is required");
            }
            states.finish(body.state(), FLOW, null);
            Account account = logins.login(body.code());
            TokenResponse response = tokens.issue(account, "wecom");
            metrics.record(FLOW, "success");
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
        } catch (RuntimeException e) {
            metrics.failure(FLOW, e);
            throw e;
        }
    }
}
