package io.wegate.server.oidc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The relying parties of {@code wegate.oidc.clients[n]} as the authorization server registers
 * them: authorization code (PKCE required for public clients, accepted for all), refresh tokens,
 * exact redirect URIs, codes of at most 60 s, RS256 ID tokens (ES256 on request); and, in sandbox mode, the demo
 * client a newcomer can try without configuring anything.
 */
final class OidcClients {

    /** The sandbox's demo relying party: a local app on port 8090, e.g. Spring Security's oauth2Login. */
    static final OidcProperties.Client DEMO = new OidcProperties.Client(
            "wegate-demo",
            "{noop}wegate-demo-secret",
            List.of("http://localhost:8090/login/oauth2/code/wegate", "http://127.0.0.1:8090/login/oauth2/code/wegate"),
            List.of("http://localhost:8090/", "http://127.0.0.1:8090/"),
            java.util.Set.of("openid", "profile"),
            true,
            false,
            null);

    private OidcClients() {}

    static List<RegisteredClient> of(
            OidcProperties properties, boolean sandbox, Duration accessTokenTtl, Duration loginTtl) {
        List<OidcProperties.Client> clients = new ArrayList<>(properties.clients());
        if (sandbox && clients.stream().noneMatch(c -> c.clientId().equals(DEMO.clientId()))) {
            clients.add(DEMO);
        }
        return clients.stream()
                .map(c -> registered(c, accessTokenTtl, loginTtl))
                .toList();
    }

    private static RegisteredClient registered(OidcProperties.Client c, Duration accessTokenTtl, Duration loginTtl) {
        RegisteredClient.Builder b = RegisteredClient.withId(
                        UUID.nameUUIDFromBytes(c.clientId().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .toString())
                .clientId(c.clientId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(c.publicClient())
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(Duration.ofSeconds(60))
                        .accessTokenTimeToLive(accessTokenTtl)
                        .reuseRefreshTokens(false)
                        // the login's absolute end bounds it anyway (OidcAuthorizations)
                        .refreshTokenTimeToLive(loginTtl)
                        .idTokenSignatureAlgorithm(
                                "ES256".equals(c.idTokenSignedResponseAlg())
                                        ? SignatureAlgorithm.ES256
                                        : SignatureAlgorithm.RS256)
                        .build());
        if (c.publicClient()) {
            b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            b.clientSecret(c.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        c.redirectUris().forEach(b::redirectUri);
        c.postLogoutRedirectUris().forEach(b::postLogoutRedirectUri);
        c.scopes().forEach(b::scope);
        b.scope("openid");
        return b.build();
    }
}
