package io.wegate.server.login.wecom;

import io.wegate.client.redact.Redactor;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.login.ApiLogins;
import io.wegate.server.login.LoginMetrics;
import io.wegate.server.login.LoginPolicy;
import io.wegate.server.login.LoginRateLimit;
import io.wegate.server.login.LoginState;
import io.wegate.server.login.LoginStates;
import io.wegate.server.token.TokenResponse;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
import jakarta.servlet.http.HttpServletRequest;
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
 * The WeCom API flows for single-page apps, mobile front ends and mini programs: an authorize URL
 * and a state, then the code and the state for wegate's tokens; a mini program's {@code wx.qy.login}
 * code for wegate's tokens.
 */
@RestController
class WeComApiLoginController {

    static final String FLOW = "wecom-api";
    static final String MINIPROGRAM = "wecom-miniprogram";

    /**
     * The body of the login calls: {@code code}, and for the OAuth flow the {@code state} with its
     * {@code state_verifier}; {@code app} and {@code link_ticket} are optional.
     */
    record LoginRequest(String code, String state, String stateVerifier, String app, String linkTicket) {
        @Override
        public String toString() {
            return "LoginRequest[code=" + Redactor.MASK + ", state=" + Redactor.MASK + ", app=" + app + "]";
        }
    }

    private final LoginStates states;
    private final LoginPolicy policy;
    private final LoginApps apps;
    private final WeComLoginService logins;
    private final ApiLogins api;
    private final LoginMetrics metrics;
    private final LoginRateLimit rateLimit;

    WeComApiLoginController(
            LoginStates states,
            LoginPolicy policy,
            LoginApps apps,
            WeComLoginService logins,
            ApiLogins api,
            LoginMetrics metrics,
            LoginRateLimit rateLimit) {
        this.states = states;
        this.policy = policy;
        this.apps = apps;
        this.logins = logins;
        this.api = api;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
    }

    /**
     * Step 1: the upstream URL and a state bound to the caller's {@code state_challenge}
     * (BASE64URL(SHA-256(state_verifier)), as PKCE's S256): only the client that holds the verifier
     * can redeem the state, so a code and state planted in another client's callback are refused.
     */
    @GetMapping("/api/v1/login/wecom/authorize-url")
    ResponseEntity<Map<String, String>> authorizeUrl(
            @RequestParam("redirect_uri") String redirectUri,
            @RequestParam(value = "app", required = false) String appId,
            @RequestParam(value = "state_challenge", required = false) String challenge,
            @RequestParam(value = "state_challenge_method", required = false) String method) {
        rateLimit.started();
        if (!policy.redirectUriAllowed(redirectUri)) {
            metrics.record(FLOW, GatewayError.REDIRECT_URI_NOT_ALLOWED.code());
            throw new ApiException(GatewayError.REDIRECT_URI_NOT_ALLOWED);
        }
        if (method != null && !method.equals("S256")) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "state_challenge_method must be S256");
        }
        WeComLoginApp app = apps.wecom(appId);
        String state = states.beginApi(FLOW, apps.wecom().indexOf(app), app.id(), challenge);
        String url = WeComOAuth2AuthorizeUrl.build(app.urls().authorize(), app.app(), redirectUri, app.scope(), state)
                .toString();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("url", url, "state", state));
    }

    @PostMapping(value = "/api/v1/login/wecom", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        LoginRequest b = body == null ? new LoginRequest(null, null, null, null, null) : body;
        return api.login(FLOW, false, request, b.linkTicket(), () -> {
            ApiLogins.requireCode(b.code());
            LoginState state = states.finishApi(b.state(), FLOW, b.stateVerifier(), this::appIdAt);
            return logins.exchange(apps.wecom(state.appId()), FLOW, b.code());
        });
    }

    @PostMapping(value = "/api/v1/login/wecom-miniprogram", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> miniProgram(@RequestBody LoginRequest body, HttpServletRequest request) {
        LoginRequest b = body == null ? new LoginRequest(null, null, null, null, null) : body;
        return api.login(MINIPROGRAM, true, request, b.linkTicket(), () -> {
            ApiLogins.requireCode(b.code());
            return logins.exchangeMiniProgram(apps.wecom(b.app()), MINIPROGRAM, b.code());
        });
    }

    private String appIdAt(int index) {
        return index < apps.wecom().size() ? apps.wecom().get(index).id() : null;
    }
}
