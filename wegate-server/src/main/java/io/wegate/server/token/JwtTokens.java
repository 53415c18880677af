package io.wegate.server.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wegate.server.account.Account;
import io.wegate.server.web.PublicBaseUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Issues and verifies wegate's access tokens: ES256 JWTs, verifiable by anyone through the JWKS. */
@Component
public final class JwtTokens {

    private final SigningKeys keys;
    private final JwtEncoder encoder;
    private final JwtDecoder decoder;
    private final Clock clock;
    private final TokenProperties properties;
    private final PublicBaseUrl publicBaseUrl;

    private final LiveLoginValidator liveLogins;

    public JwtTokens(
            SigningKeys keys,
            Clock clock,
            TokenProperties properties,
            PublicBaseUrl publicBaseUrl,
            LiveLoginValidator liveLogins) {
        this.keys = keys;
        this.liveLogins = liveLogins;
        this.clock = clock;
        this.properties = properties;
        this.publicBaseUrl = publicBaseUrl;
        // the encoder caches one Nimbus signer per key; the source hands it the active key only
        this.encoder = new NimbusJwtEncoder(keys.jwkSource());
        this.decoder = decoder();
    }

    /** The {@code iss} of every token. */
    public String issuer() {
        return properties.issuer() != null ? properties.issuer() : publicBaseUrl.get();
    }

    public Duration ttl() {
        return properties.accessTokenTtl();
    }

    /**
     * A signed access token for {@code account}, tied to the login ({@code sid}) it belongs to and
     * saying how that login was made: {@code amr} is the upstream and the flow, {@code auth_time}
     * when the person authenticated, {@code app} the configured app. A refresh keeps all three.
     */
    public String issue(Account account, Login login) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.accessTokenTtl());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer())
                .subject(account.id())
                .audience(List.of(properties.audience()))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expires.isBefore(login.expiresAt()) ? expires : login.expiresAt())
                .id(UUID.randomUUID().toString())
                .claim("sid", login.id())
                .claim("name", account.displayName())
                .claim("amr", List.of(login.method().upstream(), login.method().flow()))
                .claim("auth_time", login.authenticatedAt().getEpochSecond())
                .claim("app", login.method().appId())
                .build();
        // no kid here: the encoder names the key it selected (the active one at this instant)
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public JwtDecoder decoder() {
        if (decoder != null) {
            return decoder;
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys.verificationSource()));
        // claims are checked by the validators below, with the injected clock
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder d = new NimbusJwtDecoder(processor);
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        // a token of a login that ended (logout, reuse, offboarding) is refused by wegate at once,
        // even though resource servers that only check the signature accept it until it expires
        d.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, issuerAndAudience(), liveLogins));
        return d;
    }

    private OAuth2TokenValidator<Jwt> issuerAndAudience() {
        return jwt -> {
            boolean ok = jwt.getIssuer() != null
                    && issuer().equals(jwt.getIssuer().toString())
                    && jwt.getAudience() != null
                    && jwt.getAudience().contains(properties.audience());
            return ok
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "wrong issuer or audience", null));
        };
    }
}
