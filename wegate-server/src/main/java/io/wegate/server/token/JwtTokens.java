package io.wegate.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.wegate.server.account.Account;
import io.wegate.server.web.PublicBaseUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/** Issues and verifies wegate's access tokens: ES256 JWTs, verifiable by anyone through the JWKS. */
@Component
public final class JwtTokens {

    private final SigningKeys keys;
    /** The active key's signer and header, built when the active key changes (rotation), not per token. */
    private volatile Signer signer;

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
        Instant end = expires.isBefore(login.expiresAt()) ? expires : login.expiresAt();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(account.id())
                .audience(List.of(properties.audience()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(end))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", login.id())
                .claim("name", account.displayName())
                .claim("amr", List.of(login.method().upstream(), login.method().flow()))
                .claim("auth_time", login.authenticatedAt().getEpochSecond())
                .claim("app", login.method().appId())
                .build();
        Signer s = signer();
        SignedJWT jwt = new SignedJWT(s.header(), claims);
        try {
            jwt.sign(s.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** The signer of one key: Nimbus's signer and the header naming the key ({@code kid}), made once. */
    private record Signer(ECKey key, JWSHeader header, JWSSigner signer) {}

    private Signer signer() {
        // the active key at this instant (SigningKeys computes it once per transition)
        ECKey key = keys.current();
        Signer s = signer;
        if (s == null || s.key() != key) {
            try {
                s = new Signer(
                        key,
                        new JWSHeader.Builder(JWSAlgorithm.ES256)
                                .keyID(key.getKeyID())
                                .build(),
                        new ECDSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("the active ES256 key cannot sign", e);
            }
            signer = s;
        }
        return s;
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
