package io.wegate.server.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wegate.server.login.UsedStates;
import java.time.Clock;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The decoders of {@code private_key_jwt} client assertions, for the authorization server's own
 * {@code JwtClientAssertionAuthenticationProvider}: each is Spring's ({@link
 * JwtClientAssertionDecoderFactory}: the client's {@code jwk_set_url}, its one signing algorithm,
 * Spring's claim checks), made one-time by {@link OneTimeClientAssertion}.
 *
 * <p>Spring's factory keeps a client's decoder for good, by the client's internal id; this one
 * keys it by id, JWKS URL and algorithm, so a client whose {@code jwks_uri} or {@code
 * token_endpoint_auth_signing_alg} changed through the admin API is checked against the new ones
 * at once.
 */
final class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

    private record Key(String id, String jwkSetUrl, JwsAlgorithm algorithm) {}

    private final Cache<Key, JwtDecoder> decoders =
            Caffeine.newBuilder().maximumSize(10_000).build();
    private final UsedStates used;
    private final Clock clock;

    ClientAssertionDecoders(UsedStates used, Clock clock) {
        if (used == null || clock == null) {
            throw new IllegalArgumentException("used and clock are required");
        }
        this.used = used;
        this.clock = clock;
    }

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        Key key = new Key(
                client.getId(),
                client.getClientSettings().getJwkSetUrl(),
                client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm());
        return decoders.get(key, k -> {
            JwtClientAssertionDecoderFactory spring = new JwtClientAssertionDecoderFactory();
            spring.setJwtValidatorFactory(c -> new OneTimeClientAssertion(
                    JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(c),
                    c.getClientId(),
                    used,
                    clock));
            return spring.createDecoder(client);
        });
    }
}
