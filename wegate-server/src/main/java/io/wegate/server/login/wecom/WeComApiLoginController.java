package io.wegate.server.login.wecom;

import io.wegate.client.redact.Redactor;
import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.server.account.LinkTickets;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.login.ApiLogins;
import io.wegate.server.login.LoginMetrics;
import io.wegate.server.login.LoginPolicy;
import io.wegate.server.login.LoginState;
import io.wegate.server.login.LoginStates;
import io.wegate.server.token.TokenResponse;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.upstream.LoginApps.WeComLoginApp;
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

    /** The body of the login calls; {@code app} and {@code link_ticket} are optional. */
    record LoginRequest(String code, String state, String app, String linkTicket) {
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
    private final LinkTickets linkTickets;

    WeComApiLoginController(
            LoginStates states,
            LoginPolicy policy,
            LoginApps apps,
            WeComLoginService logins,
            ApiLogins api,
            LoginMetrics metrics,
            LinkTickets linkTickets) {
        this.states = states;
        this.policy = policy;
        this.apps = apps;
        this.logins = logins;
        this.api = api;
        this.metrics = metrics;
        this.linkTickets = linkTickets;
    }

    @GetMapping("/api/v1/login/wecom/authorize-url")
    ResponseEntity<Map<String, String>> authorizeUrl(
            @RequestParam("redirect_uri") String redirectUri,
            @RequestParam(value = "app", required = false) String appId) {
        if (!policy.redirectUriAllowed(redirectUri)) {
            metrics.record(FLOW, GatewayError.REDIRECT_URI_NOT_ALLOWED.code());
            throw new ApiException(GatewayError.REDIRECT_URI_NOT_ALLOWED);
        }
        WeComLoginApp app = apps.wecom(appId);
        String state = states.begin(FLOW, app.id(), null, redirectUri, null, null);
        String url = WeComOAuth2AuthorizeUrl.build(app.urls().authorize(), app.app(), redirectUri, app.scope(), state)
                .toString();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("url", url, "state", state));
    }

    @PostMapping(value = "/api/v1/login/wecom", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest body) {
        return api.issue(FLOW, "wecom", () -> {
            ApiLogins.requireCode(body == null ? null : body.code());
            LoginState state = states.finish(body.state(), FLOW, null);
            return logins.login(apps.wecom(state.appId()), body.code(), linkTickets.consume(body.linkTicket()));
        });
    }

    @PostMapping(value = "/api/v1/login/wecom-miniprogram", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> miniProgram(@RequestBody LoginRequest body) {
        return api.issue(MINIPROGRAM, "wecom", () -> {
            ApiLogins.requireCode(body == null ? null : body.code());
            return logins.loginMiniProgram(apps.wecom(body.app()), body.code(), linkTickets.consume(body.linkTicket()));
        });
    }
}
