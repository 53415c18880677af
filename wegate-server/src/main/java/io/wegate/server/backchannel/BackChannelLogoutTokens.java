package io.wegate.server.backchannel;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Logout tokens (<a href="https://openid.net/specs/openid-connect-backchannel-1_0.html#LogoutToken">
 * Back-Channel Logout 1.0 section 2.4</a>): {@code typ logout+jwt}, signed with the key and
 * algorithm of the client's ID tokens (the same JWK source), {@code iss}, {@code aud} (the
 * {@code client_id}), {@code iat}, a short {@code exp}, a unique {@code jti}, the {@code sub} and
 * {@code sid} of its ID tokens, and the back-channel logout event; never a {@code nonce}.
 */
final class BackChannelLogoutTokens {

    static final String TYPE = "logout+jwt";
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** Long enough for a slow network, short enough that a leaked token is soon worthless. */
    static final Duration TTL = Duration.ofMinutes(2);

    private final JwtEncoder encoder;

    BackChannelLogoutTokens(JWKSource<SecurityContext> keys) {
        this.encoder = new NimbusJwtEncoder(keys);
    }

    String encode(
            String issuer, String clientId, SignatureAlgorithm algorithm, String subject, String sid, Instant now) {
        JwsHeader header = JwsHeader.with(algorithm).type(TYPE).build();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(clientId))
                .issuedAt(now)
                .expiresAt(now.plus(TTL))
                .id(UUID.randomUUID().toString())
                .subject(subject)
                .claim("sid", sid)
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
