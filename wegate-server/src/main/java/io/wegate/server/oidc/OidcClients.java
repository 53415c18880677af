package io.wegate.server.oidc;

import io.wegate.server.backchannel.BackChannelLogout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * client a newcomer can try without configuring anything. Their secrets are stored hashed.
 */
final class OidcClients {

    /** {@code Boolean}: no consent page ({@code requireAuthorizationConsent = !first-party}). */
    static final String FIRST_PARTY = "wegate.first-party";
    /** {@code String}: {@code public} (default) or {@code pairwise}. */
    static final String SUBJECT_TYPE = "wegate.subject-type";
    /** {@code String}: the display name (for the consent page); may be absent. */
    static final String CLIENT_NAME = "wegate.client-name";
    /** {@code String}: RFC 7591/OpenID back-channel logout URI (see {@link BackChannelLogout}); may be absent. */
    static final String BACKCHANNEL_LOGOUT_URI = BackChannelLogout.CLIENT_SETTING;

    /** The sandbox's demo relying party: a local app on port 8090, e.g. Spring Security's oauth2Login. */
    static final OidcProperties.Client DEMO = new OidcProperties.Client(
            "wegate-demo",
            "{noop}wegate-demo-secret",
            List.of("http://localhost:8090/login/oauth2/code/wegate", "http://127.0.0.1:8090/login/oauth2/code/wegate"),
            List.of("http://localhost:8090/", "http://127.0.0.1:8090/"),
            Set.of("openid", "profile"),
            true,
            false,
            null,
            null,
            null,
            null,
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

    /** The token settings of every client: 60 s codes, rotated refresh tokens bounded by the login. */
    static TokenSettings tokenSettings(Duration accessTokenTtl, Duration loginTtl, String idTokenAlg) {
        return TokenSettings.builder()
                .authorizationCodeTimeToLive(Duration.ofSeconds(60))
                .accessTokenTimeToLive(accessTokenTtl)
                .reuseRefreshTokens(false)
                // the login's absolute end bounds it anyway (OidcAuthorizations)
                .refreshTokenTimeToLive(loginTtl)
                .idTokenSignatureAlgorithm(
                        "ES256".equals(idTokenAlg) ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256)
                .build();
    }

    /** The stable internal id of a configured client (the same on every instance and every start). */
    static String idOf(String clientId) {
        return UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static RegisteredClient registered(OidcProperties.Client c, Duration accessTokenTtl, Duration loginTtl) {
        RegisteredClient.Builder b = RegisteredClient.withId(idOf(c.clientId()))
                .clientId(c.clientId())
                .clientName(c.clientId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(c.publicClient())
                        .requireAuthorizationConsent(!c.firstParty())
                        .setting(FIRST_PARTY, c.firstParty())
                        .setting(SUBJECT_TYPE, c.subjectType())
                        .settings(s -> OidcClientRestrictions.write(s, c.upstreams(), c.app()))
                        .settings(s -> {
                            if (c.backchannelLogoutUri() != null) {
                                s.put(BACKCHANNEL_LOGOUT_URI, c.backchannelLogoutUri());
                            }
                        })
                        .build())
                .tokenSettings(tokenSettings(accessTokenTtl, loginTtl, c.idTokenSignedResponseAlg()));
        if (c.publicClient()) {
            b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            b.clientSecret(ClientSecrets.stored(c.clientSecret()))
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
