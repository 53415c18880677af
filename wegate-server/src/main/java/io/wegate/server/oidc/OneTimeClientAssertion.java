package io.wegate.server.oidc;

import io.wegate.server.login.UsedStates;
import io.wegate.server.web.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A {@code private_key_jwt} client assertion is good once (OpenID Connect Core section 9: {@code
 * jti} is required, and the server may refuse a {@code jti} it saw; RFC 7523 section 3): after
 * the authorization server's own checks ({@code iss}, {@code sub}, {@code aud}, {@code exp},
 * {@code nbf}, {@code JwtClientAssertionDecoderFactory#DEFAULT_JWT_VALIDATOR_FACTORY}) pass, the
 * client's {@code jti} is claimed in {@link UsedStates} (Redis {@code SET NX} in a cluster) for as
 * long as the assertion could still be accepted; a second use is refused. Spring's authorization
 * server does not check {@code jti} at all.
 */
final class OneTimeClientAssertion implements OAuth2TokenValidator<Jwt> {

    /** The authorization server's {@code JwtTimestampValidator} accepts an expired assertion this long. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private static final OAuth2TokenValidatorResult REFUSED =
            OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT));

    private final OAuth2TokenValidator<Jwt> authorizationServer;
    private final String clientId;
    private final UsedStates used;
    private final Clock clock;

    OneTimeClientAssertion(
            OAuth2TokenValidator<Jwt> authorizationServer, String clientId, UsedStates used, Clock clock) {
        this.authorizationServer = authorizationServer;
        this.clientId = clientId;
        this.used = used;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt assertion) {
        OAuth2TokenValidatorResult checked = authorizationServer.validate(assertion);
        // a refused assertion claims nothing: its jti stays free for the client's own next try
        if (checked.hasErrors()) {
            return checked;
        }
        String jti = assertion.getId();
        Instant exp = assertion.getExpiresAt();
        if (jti == null || jti.isBlank() || exp == null) {
            return REFUSED;
        }
        Duration acceptable = Duration.between(clock.instant(), exp).plus(CLOCK_SKEW);
        boolean first = used.firstUse(
                "j:" + Sha256.hex(clientId + "\n" + jti), acceptable.isNegative() ? CLOCK_SKEW : acceptable);
        return first ? OAuth2TokenValidatorResult.success() : REFUSED;
    }
}
