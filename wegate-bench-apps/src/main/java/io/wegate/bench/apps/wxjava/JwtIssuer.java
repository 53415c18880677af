package io.wegate.bench.apps.wxjava;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs the app's access tokens with Nimbus: ES256, one P-256 key generated at start, {@code sub} the local id. */
@Component
class JwtIssuer {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final String ISSUER = "wxjava-bench";

    private final Clock clock;
    private final ECKey key;
    private final JWSSigner signer;
    private final JWSHeader header;

    JwtIssuer(Clock clock) throws JOSEException {
        this.clock = clock;
        this.key = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        this.signer = new ECDSASigner(key);
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build();
    }

    String sign(long userId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(userId))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** The public key, for {@code GET /jwks}. */
    JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }
}
