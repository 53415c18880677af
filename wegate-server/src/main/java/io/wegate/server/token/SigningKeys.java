package io.wegate.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key pairs that sign: ES256 for wegate's own tokens, RS256 for the ID tokens of relying
 * parties that ask for the algorithm every OpenID provider must offer. Created on first start, persisted in the
 * database, so a restart (or another instance) signs and verifies with the same key.
 */
@Component
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private final ECKey current;
    private final RSAKey rsa;

    public SigningKeys(JdbcClient jdbc, Clock clock) {
        this.current = (ECKey) loadOrCreate(jdbc, clock, "ES256");
        this.rsa = (RSAKey) loadOrCreate(jdbc, clock, "RS256");
    }

    /** The key that signs wegate's tokens (private part included). */
    public ECKey current() {
        return current;
    }

    /**
     * The RS256 key, for ID tokens of relying parties that expect the algorithm every OpenID
     * provider must support (OpenID Connect Discovery 1.0, section 3); private part included.
     */
    public RSAKey rsa() {
        return rsa;
    }

    /** The public keys, as {@code /.well-known/jwks.json} publishes them. */
    public JWKSet publicJwks() {
        return new JWKSet(List.of(current.toPublicJWK(), rsa.toPublicJWK()));
    }

    private static JWK loadOrCreate(JdbcClient jdbc, Clock clock, String algorithm) {
        List<String> stored = oldestFirst(jdbc, algorithm);
        if (!stored.isEmpty()) {
            return parse(stored.get(0));
        }
        JWK key = algorithm.equals("ES256") ? generate() : generateRsa();
        try {
            jdbc.sql("insert into signing_key (kid, algorithm, jwk, created_at) values (?, ?, ?, ?)")
                    .params(key.getKeyID(), algorithm, key.toJSONString(), clock.millis())
                    .update();
            log.warn(
                    "Generated a new {} signing key (kid {}) and stored it in the database; tokens signed earlier"
                            + " with another key no longer verify.",
                    algorithm,
                    key.getKeyID());
        } catch (DuplicateKeyException ignored) {
            // another instance inserted the same kid: impossible in practice, handled below anyway
        }
        // Instances starting together on an empty database may each insert a key; all of them
        // then settle on the oldest one.
        return parse(oldestFirst(jdbc, algorithm).get(0));
    }

    private static List<String> oldestFirst(JdbcClient jdbc, String algorithm) {
        return jdbc.sql("select jwk from signing_key where algorithm = ? order by created_at, kid")
                .param(algorithm)
                .query(String.class)
                .list();
    }

    private static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RS256 key", e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an ES256 key", e);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the stored signing key is not a valid JWK", e);
        }
    }
}
