package io.wegate.server.backchannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import io.wegate.server.support.OidcClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the back-channel logout tests share: clients registered with a receiver, logout token checks, counters. */
final class BackChannelTests {

    private BackChannelTests() {}

    /** A relying party registered through the admin API; {@code backchannelUri} may be null. */
    record Rp(String clientId, OidcClient client) {}

    static Rp register(Gateway g, String backchannelUri, String subjectType) {
        String redirect = "https://rp-" + UUID.randomUUID() + ".example.test/cb";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("redirect_uris", List.of(redirect));
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("first_party", true);
        metadata.put("subject_type", subjectType);
        if (backchannelUri != null) {
            metadata.put("backchannel_logout_uri", backchannelUri);
        }
        Http.Answer created = g.admin("POST", "/api/v1/admin/clients", metadata);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("client_id").asString();
        return new Rp(
                clientId,
                new OidcClient(clientId, created.json().get("client_secret").asString(), redirect));
    }

    /** The logout token, verified with Nimbus against wegate's JWKS (typ logout+jwt, RS256); its claims. */
    static JWTClaimsSet verified(Gateway g, String logoutToken) throws Exception {
        JWKSet jwks = JWKSet.parse(g.http().get(g.base() + "/oauth2/jwks").body());
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt")));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        // the claims are checked by the tests, against wegate's (movable) clock
        p.setJWTClaimsSetVerifier((claims, context) -> {});
        return p.process(logoutToken, null);
    }

    static String kid(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }

    static double count(MeterRegistry meters, String outcome) {
        return meters.get("wegate.backchannel.deliveries")
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
