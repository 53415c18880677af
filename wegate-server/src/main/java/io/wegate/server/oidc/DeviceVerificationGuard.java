package io.wegate.server.oidc;

import io.wegate.server.login.RateLimitBuckets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Brute-force protection of the device verification endpoint (RFC 8628 section 5.1): user codes
 * are short, so wrong ones are counted per client address and per wegate login, and past
 * {@code wegate.oidc.device.wrong-user-codes-per-minute} (default 10) in a minute every user code
 * is refused for the rest of that minute ({@code too_many_attempts}, 429), the right one included.
 * A user code past its lifetime by wegate's clock is refused like an unknown one.
 */
final class DeviceVerificationGuard implements AuthenticationProvider {

    static final String TOO_MANY_ATTEMPTS = "too_many_attempts";

    private final AuthenticationProvider delegate;
    private final OAuth2AuthorizationService authorizations;
    private final RateLimitBuckets buckets;
    private final Clock clock;
    private final long limit;

    DeviceVerificationGuard(
            AuthenticationProvider delegate,
            OAuth2AuthorizationService authorizations,
            RateLimitBuckets buckets,
            Clock clock,
            long limit) {
        if (delegate == null || authorizations == null || buckets == null || clock == null) {
            throw new IllegalArgumentException("delegate, authorizations, buckets and clock must not be null");
        }
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.buckets = buckets;
        this.clock = clock;
        this.limit = limit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2DeviceVerificationAuthenticationToken request =
                (OAuth2DeviceVerificationAuthenticationToken) authentication;
        List<String> keys = keys(request);
        if (limit > 0 && keys.stream().anyMatch(k -> buckets.get(k) >= limit)) {
            throw new OAuth2AuthenticationException(TOO_MANY_ATTEMPTS);
        }
        try {
            OAuth2Authorization authorization =
                    authorizations.findByToken(request.getUserCode(), DeviceCodes.USER_CODE);
            OAuth2Authorization.Token<OAuth2UserCode> code =
                    authorization == null ? null : authorization.getToken(OAuth2UserCode.class);
            if (code != null
                    && code.getToken().getExpiresAt() != null
                    && !clock.instant().isBefore(code.getToken().getExpiresAt())) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            return delegate.authenticate(authentication);
        } catch (OAuth2AuthenticationException e) {
            if (OAuth2ErrorCodes.INVALID_GRANT.equals(e.getError().getErrorCode())) {
                keys.forEach(k -> buckets.increment(k, Duration.ofMinutes(2)));
            }
            throw e;
        }
    }

    private List<String> keys(OAuth2DeviceVerificationAuthenticationToken request) {
        long minute = clock.millis() / 60_000;
        List<String> keys = new ArrayList<>(2);
        if (request.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            keys.add("rate:wrong-user-codes:addr:" + details.getRemoteAddress() + ":" + minute);
        }
        if (request.getPrincipal() instanceof OidcLoginAuthentication person) {
            keys.add("rate:wrong-user-codes:login:" + person.login().id() + ":" + minute);
        }
        return keys;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
