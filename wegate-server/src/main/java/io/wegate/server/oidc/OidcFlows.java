package io.wegate.server.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.wegate.server.login.RateLimitBuckets;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.TokenService;
import java.time.Clock;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2DeviceAuthorizationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2DeviceVerificationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcLogoutEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * How wegate sets up the authorization server's RP-initiated logout and device-flow endpoints
 * (Spring's filters, wegate's rules and pages); {@code OidcConfiguration} applies it.
 */
final class OidcFlows {

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationService authorizations;
    private final BrowserSessions sessions;
    private final TokenService tokens;
    private final JWKSource<SecurityContext> keys;
    private final RateLimitBuckets buckets;
    private final Clock clock;
    private final long wrongUserCodesPerMinute;
    private final DeviceResponses device = new DeviceResponses();

    OidcFlows(
            RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations,
            BrowserSessions sessions,
            TokenService tokens,
            JWKSource<SecurityContext> keys,
            RateLimitBuckets buckets,
            Clock clock,
            long wrongUserCodesPerMinute) {
        this.clients = clients;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.tokens = tokens;
        this.keys = keys;
        this.buckets = buckets;
        this.clock = clock;
        this.wrongUserCodesPerMinute = wrongUserCodesPerMinute;
    }

    /** RP-initiated logout: wegate's request reading, checks, logout and pages on Spring's endpoint. */
    void logout(OidcLogoutEndpointConfigurer logout) {
        RpLogoutResponses responses = new RpLogoutResponses(sessions, tokens);
        logout.logoutRequestConverters(converters -> {
                    converters.clear();
                    converters.add(new RpLogoutRequests());
                })
                .authenticationProviders(providers -> {
                    providers.clear();
                    providers.add(new RpLogoutVerifier(clients, keys));
                })
                .logoutResponseHandler(responses)
                .errorResponseHandler(responses);
    }

    /** {@code POST /oauth2/device_authorization}: codes by wegate's clock, an interval, public URIs. */
    void deviceAuthorization(OAuth2DeviceAuthorizationEndpointConfigurer endpoint) {
        endpoint.authenticationProviders(providers -> providers.forEach(p -> {
                    if (p instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider request) {
                        DeviceCodes.use(request, clock);
                    }
                }))
                .deviceAuthorizationResponseHandler(device::authorized);
    }

    /** The verification endpoint: always the consent page, wrong codes rate-limited, answers as pages. */
    void deviceVerification(OAuth2DeviceVerificationEndpointConfigurer endpoint) {
        endpoint.consentPage(DeviceVerificationPages.CONSENT_PATH)
                .authenticationProviders(providers -> providers.replaceAll(p -> {
                    if (p instanceof OAuth2DeviceVerificationAuthenticationProvider verification) {
                        verification.setAuthorizationConsentRequired(context -> true);
                        return new DeviceVerificationGuard(
                                verification, authorizations, buckets, clock, wrongUserCodesPerMinute);
                    }
                    return p;
                }))
                .deviceVerificationResponseHandler(device::approved)
                .errorResponseHandler(device::failed);
    }

    /** The device's polling at the token endpoint: {@code slow_down} and {@code expired_token}. */
    void tokenEndpoint(OAuth2TokenEndpointConfigurer endpoint) {
        endpoint.authenticationProviders(providers -> providers.replaceAll(p ->
                p instanceof OAuth2DeviceCodeAuthenticationProvider ? new DevicePolling(p, authorizations, clock) : p));
    }
}
