package io.wegate.server.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;

/**
 * The device's polling of the token endpoint (RFC 8628 section 3.5), around the authorization
 * server's device-code grant, which leaves two rules to the application:
 *
 * <ul>
 *   <li>{@code slow_down}: a poll sooner than the interval after the previous one is refused, and the
 *       interval of that device code grows by 5 seconds for this and every later poll;
 *   <li>{@code expired_token}: after the device code's lifetime by wegate's clock, and from then on.
 * </ul>
 *
 * Otherwise Spring's provider answers ({@code authorization_pending}, {@code access_denied},
 * {@code invalid_grant}, or the tokens). Poll times are kept in this instance's memory: in a
 * cluster, a device that alternates between instances is paced per instance.
 */
final class DevicePolling implements AuthenticationProvider {

    /** The {@code interval} of every device authorization response, in seconds. */
    static final long INTERVAL_SECONDS = 5;

    private record Pace(Instant last, Duration interval) {}

    private final AuthenticationProvider delegate;
    private final OAuth2AuthorizationService authorizations;
    private final Clock clock;
    private final Cache<String, Pace> paces = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    DevicePolling(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations, Clock clock) {
        if (delegate == null || authorizations == null || clock == null) {
            throw new IllegalArgumentException("delegate, authorizations and clock must not be null");
        }
        this.delegate = delegate;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2DeviceCodeAuthenticationToken poll = (OAuth2DeviceCodeAuthenticationToken) authentication;
        OAuth2Authorization authorization = authorizations.findByToken(poll.getDeviceCode(), DeviceCodes.DEVICE_CODE);
        OAuth2Authorization.Token<OAuth2DeviceCode> code =
                authorization == null ? null : authorization.getToken(OAuth2DeviceCode.class);
        if (code != null && sameClient(poll, authorization)) {
            Instant now = clock.instant();
            if (code.getToken().getExpiresAt() != null
                    && !now.isBefore(code.getToken().getExpiresAt())) {
                if (!code.isInvalidated()) {
                    authorizations.save(OAuth2Authorization.from(authorization)
                            .invalidate(code.getToken())
                            .build());
                }
                throw error("expired_token");
            }
            if (code.isInvalidated() && authorization.getAccessToken() != null) {
                // exchanged already: a device code is good for one exchange (Spring would say access_denied)
                throw error("invalid_grant");
            }
            pace(authorization.getId(), now);
        }
        return delegate.authenticate(authentication);
    }

    private void pace(String id, Instant now) {
        boolean[] tooSoon = {false};
        paces.asMap().compute(id, (k, p) -> {
            if (p == null) {
                return new Pace(now, Duration.ofSeconds(INTERVAL_SECONDS));
            }
            if (now.isBefore(p.last().plus(p.interval()))) {
                tooSoon[0] = true;
                return new Pace(now, p.interval().plusSeconds(5));
            }
            return new Pace(now, p.interval());
        });
        if (tooSoon[0]) {
            throw error("slow_down");
        }
    }

    private static boolean sameClient(OAuth2DeviceCodeAuthenticationToken poll, OAuth2Authorization authorization) {
        return poll.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && client.getRegisteredClient().getId().equals(authorization.getRegisteredClientId());
    }

    private static OAuth2AuthenticationException error(String code) {
        return new OAuth2AuthenticationException(
                new OAuth2Error(code, null, "https://datatracker.ietf.org/doc/html/rfc8628#section-3.5"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
