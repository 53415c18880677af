package io.wegate.server.login.wecom;

import io.wegate.client.wecom.WeComOAuth2AuthorizeUrl;
import io.wegate.server.account.Account;
import io.wegate.server.login.LoginMetrics;
import io.wegate.server.login.LoginPolicy;
import io.wegate.server.login.LoginProperties;
import io.wegate.server.login.LoginState;
import io.wegate.server.login.LoginStates;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.upstream.WeComUpstream;
import io.wegate.server.web.ApiException;
import io.wegate.server.web.GatewayError;
import io.wegate.server.web.PublicBaseUrl;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser flow: {@code /login/wecom} sends the browser to WeCom with a fresh state bound to it,
 * {@code /login/wecom/callback} checks the state, logs the member in, starts a session and returns
 * to an allowed {@code return_to}.
 */
@RestController
class WeComBrowserLoginController {

    static final String FLOW = "wecom-web";
    static final String CALLBACK = "/login/wecom/callback";
    /** Binds a login to the browser that started it; HttpOnly, scoped to the login paths. */
    static final String BINDING_COOKIE = "WEGATE_LOGIN";

    private static final Pattern BINDING = Pattern.compile("[A-Za-z0-9]{43}");

    private final LoginStates states;
    private final LoginPolicy policy;
    private final LoginProperties properties;
    private final WeComUpstream upstream;
    private final WeComLoginService logins;
    private final BrowserSessions sessions;
    private final PublicBaseUrl publicBaseUrl;
    private final LoginMetrics metrics;

    WeComBrowserLoginController(
            LoginStates states,
            LoginPolicy policy,
            LoginProperties properties,
            WeComUpstream upstream,
            WeComLoginService logins,
            BrowserSessions sessions,
            PublicBaseUrl publicBaseUrl,
            LoginMetrics metrics) {
        this.states = states;
        this.policy = policy;
        this.properties = properties;
        this.upstream = upstream;
        this.logins = logins;
        this.sessions = sessions;
        this.publicBaseUrl = publicBaseUrl;
        this.metrics = metrics;
    }

    @GetMapping("/login/wecom")
    ResponseEntity<Void> start(
            @RequestParam(value = "return_to", required = false) String returnTo,
            @CookieValue(value = BINDING_COOKIE, required = false) String binding) {
        String target = returnTo == null || returnTo.isEmpty() ? "/" : returnTo;
        if (!policy.returnToAllowed(target)) {
            metrics.record(FLOW, GatewayError.RETURN_TO_NOT_ALLOWED.code());
            throw new ApiException(GatewayError.RETURN_TO_NOT_ALLOWED);
        }
        // keep an existing binding so that two login tabs of one browser do not break each other
        String value = binding != null && BINDING.matcher(binding).matches() ? binding : states.randomString(43);
        String redirectUri = publicBaseUrl.resolve(CALLBACK);
        String state = states.begin(FLOW, target, redirectUri, value);
        URI authorize = WeComOAuth2AuthorizeUrl.build(
                upstream.authorizeBaseUrl(), upstream.app(), redirectUri, upstream.scope(), state);
        ResponseCookie cookie = ResponseCookie.from(BINDING_COOKIE, value)
                .httpOnly(true)
                .secure(publicBaseUrl.isHttps())
                .sameSite("Lax")
                .path("/login")
                .maxAge(properties.stateTtl())
                .build();
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, authorize.toString())
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GetMapping(CALLBACK)
    ResponseEntity<Void> callback(
            @RequestParam(value = "code", required = false) String code,
            @RequestParam(value = "state", required = false) String state,
            @CookieValue(value = BINDING_COOKIE, required = false) String binding,
            HttpServletRequest request) {
        try {
            LoginState login = states.finish(state, FLOW, binding);
            if (code == null || code.isEmpty()) {
                // WeCom sends only the state when the person refuses
                throw new ApiException(GatewayError.LOGIN_CANCELLED);
            }
            Account account = logins.login(code);
            sessions.start(request, account);
            metrics.record(FLOW, "success");
            return ResponseEntity.status(HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, login.returnTo())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        } catch (RuntimeException e) {
            metrics.failure(FLOW, e);
            throw e;
        }
    }
}
