package io.wegate.server.oidc;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OpenID Connect provider ({@code wegate.oidc.*}): the relying parties declared in
 * configuration.
 *
 * @param clients {@code wegate.oidc.clients[n]}
 */
@ConfigurationProperties("wegate.oidc")
public record OidcProperties(List<Client> clients) {

    /**
     * One relying party.
     *
     * @param clientId its {@code client_id}
     * @param clientSecret its secret ({@code {bcrypt}…}, {@code {noop}…}); none for a public client
     * @param redirectUris the exact redirect URIs it may use
     * @param postLogoutRedirectUris where it may send the browser after logout
     * @param scopes the scopes it may ask for ({@code openid} always)
     * @param firstParty whether consent is skipped (the operator's own apps)
     * @param publicClient a client without a secret (a single-page or native app): PKCE required
     * @param idTokenSignedResponseAlg {@code RS256} (default: what every relying party accepts) or
     *     {@code ES256}
     * @param subjectType {@code public} (default: {@code sub} is the wegate account id) or {@code
     *     pairwise} (a different {@code sub} for this client)
     * @param upstreams the upstreams its people may log in with ({@code wecom}, {@code wechat});
     *     empty: every configured one
     * @param app the one configured app (its id, e.g. {@code default}, {@code mp}) its people log in
     *     through; none: any
     * @param backchannelLogoutUri where wegate sends a logout token when a login the client has a
     *     session of ends (OpenID Connect Back-Channel Logout 1.0): {@code https}, or {@code http} on
     *     the loopback interface; none: the client is not told
     */
    public record Client(
            String clientId,
            String clientSecret,
            List<String> redirectUris,
            List<String> postLogoutRedirectUris,
            Set<String> scopes,
            Boolean firstParty,
            Boolean publicClient,
            String idTokenSignedResponseAlg,
            String subjectType,
            List<String> upstreams,
            String app,
            String backchannelLogoutUri) {

        public Client {
            if (clientId == null || !clientId.matches("[A-Za-z0-9._~-]{1,64}")) {
                throw new IllegalArgumentException(
                        "wegate.oidc.clients[n].client-id must be 1-64 characters of [A-Za-z0-9._~-], not '" + clientId
                                + "'");
            }
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            if (redirectUris.isEmpty()) {
                throw new IllegalArgumentException("wegate.oidc.clients[n].redirect-uris is required for " + clientId);
            }
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
            scopes = scopes == null || scopes.isEmpty() ? Set.of("openid", "profile") : Set.copyOf(scopes);
            firstParty = firstParty == null || firstParty;
            publicClient = publicClient != null && publicClient;
            idTokenSignedResponseAlg = idTokenSignedResponseAlg == null ? "RS256" : idTokenSignedResponseAlg;
            if (!idTokenSignedResponseAlg.equals("RS256") && !idTokenSignedResponseAlg.equals("ES256")) {
                throw new IllegalArgumentException(
                        "wegate.oidc.clients[n].id-token-signed-response-alg must be RS256 or ES256, not '"
                                + idTokenSignedResponseAlg + "'");
            }
            upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
            for (String u : upstreams) {
                if (!u.equals("wecom") && !u.equals("wechat")) {
                    throw new IllegalArgumentException(
                            "wegate.oidc.clients[n].upstreams may list wecom and wechat, not '" + u + "'");
                }
            }
            app = app == null || app.isBlank() ? null : app;
            subjectType = subjectType == null ? "public" : subjectType;
            if (!subjectType.equals("public") && !subjectType.equals("pairwise")) {
                throw new IllegalArgumentException(
                        "wegate.oidc.clients[n].subject-type must be public or pairwise, not '" + subjectType + "'");
            }
            backchannelLogoutUri =
                    backchannelLogoutUri == null || backchannelLogoutUri.isBlank() ? null : backchannelLogoutUri;
            if (backchannelLogoutUri != null) {
                // the admin API's rule (ClientMetadata): https, or http on the loopback interface only
                String problem = ClientMetadata.redirectProblem(backchannelLogoutUri, false);
                if (problem != null) {
                    throw new IllegalArgumentException(
                            "wegate.oidc.clients[n].backchannel-logout-uri of " + clientId + " " + problem);
                }
            }
            if (!publicClient && (clientSecret == null || clientSecret.isBlank())) {
                throw new IllegalArgumentException("wegate.oidc.clients[n].client-secret is required for " + clientId
                        + " (or set public-client=true)");
            }
        }
    }

    public OidcProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }
}
