package io.wegate.bench.apps.wecomlogin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** The contenders' session token: an HS256 JWT (Nimbus) with a shared secret, {@code sub} the local user id, 15 min. */
public final class SessionJwt {

    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private final MACSigner signer;
    private final Clock clock;

    public SessionJwt(String secret, Clock clock) {
        try {
            // MACSigner refuses a secret shorter than the 256 bits HS256 needs
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("bench.jwt-secret must be at least 32 bytes", e);
        }
        this.clock = clock;
    }

    public String sign(long userId) {
        Instant now = clock.instant();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject(Long.toString(userId))
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(LIFETIME)))
                        .build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }
}
