package io.wegate.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
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
 * The ES256 key pair that signs wegate's access tokens: created on first start, persisted in the
 * database, so a restart (or another instance) signs and verifies with the same key.
 */
@Component
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private final ECKey current;

    public SigningKeys(JdbcClient jdbc, Clock clock) {
        this.current = loadOrCreate(jdbc, clock);
    }

    /** The key that signs (private part included). */
    public ECKey current() {
        return current;
    }

    /** The public keys, as {@code /.well-known/jwks.json} publishes them. */
    public JWKSet publicJwks() {
        return new JWKSet(current.toPublicJWK());
    }

    private static ECKey loadOrCreate(JdbcClient jdbc, Clock clock) {
        List<String> stored = oldestFirst(jdbc);
        if (!stored.isEmpty()) {
            return parse(stored.get(0));
        }
        ECKey key = generate();
        try {
            jdbc.sql("insert into signing_key (kid, algorithm, jwk, created_at) values (?, ?, ?, ?)")
                    .params(key.getKeyID(), "ES256", key.toJSONString(), clock.millis())
                    .update();
            log.warn(
                    "Generated a new ES256 signing key (kid {}) and stored it in the database; tokens signed earlier"
                            + " with another key no longer verify.",
                    key.getKeyID());
        } catch (DuplicateKeyException ignored) {
            // another instance inserted the same kid: impossible in practice, handled below anyway
        }
        // Instances starting together on an empty database may each insert a key; all of them
        // then settle on the oldest one.
        return parse(oldestFirst(jdbc).get(0));
    }

    private static List<String> oldestFirst(JdbcClient jdbc) {
        return jdbc.sql("select jwk from signing_key order by created_at, kid")
                .query(String.class)
                .list();
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

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the stored signing key is not a valid EC JWK", e);
        }
    }
}
