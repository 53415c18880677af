package io.wegate.server.oidc;

import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * What the discovery documents ({@code /.well-known/openid-configuration} and the OAuth 2.0
 * metadata {@code /.well-known/oauth-authorization-server}) advertise: only what wegate's clients can
 * use and its tests exercise ({@code OidcDiscoveryTest}). The authorization server's defaults offer more
 * (client credentials, token exchange, mTLS-bound tokens, DPoP, client_secret_jwt, tls_client_auth),
 * none of which a wegate client is registered for.
 */
final class OidcDiscovery {

    /** Client authentication at the token endpoint ({@code none}: public clients with PKCE). */
    static final List<String> TOKEN_ENDPOINT_AUTH_METHODS =
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");

    /** Introspection and revocation take confidential clients only. */
    static final List<String> CLIENT_AUTH_METHODS =
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt");

    static final List<String> GRANT_TYPES = List.of(
            AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue(),
            AuthorizationGrantType.DEVICE_CODE.getValue());

    private OidcDiscovery() {}

    static void openidConfiguration(OidcProviderConfiguration.Builder b) {
        b.claims(OidcDiscovery::common);
        // RS256 (every provider must offer it) by default, ES256 per client
        b.idTokenSigningAlgorithms(algorithms -> {
            algorithms.clear();
            algorithms.add("RS256");
            algorithms.add("ES256");
        });
        // OpenID Connect Back-Channel Logout 1.0 section 2.1: logout tokens carry sid (BackChannelLogout)
        b.claim("backchannel_logout_supported", true);
        b.claim("backchannel_logout_session_supported", true);
    }

    static void oauth2Metadata(OAuth2AuthorizationServerMetadata.Builder b) {
        b.claims(OidcDiscovery::common);
    }

    private static void common(Map<String, Object> c) {
        c.put("token_endpoint_auth_methods_supported", TOKEN_ENDPOINT_AUTH_METHODS);
        c.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
        c.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
        // what private_key_jwt assertions may be signed with (RFC 8414 section 2: MUST be present
        // with private_key_jwt), one per client: token_endpoint_auth_signing_alg
        c.put("token_endpoint_auth_signing_alg_values_supported", ClientMetadata.ASSERTION_ALGS);
        c.put("revocation_endpoint_auth_signing_alg_values_supported", ClientMetadata.ASSERTION_ALGS);
        c.put("introspection_endpoint_auth_signing_alg_values_supported", ClientMetadata.ASSERTION_ALGS);
        c.put("grant_types_supported", GRANT_TYPES);
        c.put("response_types_supported", List.of("code"));
        c.put("response_modes_supported", List.of("query"));
        // plain is refused: S256 only
        c.put("code_challenge_methods_supported", List.of("S256"));
        c.remove("tls_client_certificate_bound_access_tokens");
        c.remove("dpop_signing_alg_values_supported");
        // dynamic client registration is off: clients come from configuration and the admin API
        c.remove("registration_endpoint");
    }
}
