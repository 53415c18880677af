package io.wegate.server.oidc;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import tools.jackson.databind.JsonNode;

/**
 * RFC 7591 client metadata, as the admin API and {@code --register-client} take it, validated
 * (RFC 7591 §3.2.2: {@code invalid_redirect_uri}, {@code invalid_client_metadata}), and the
 * registered client as they answer it. Fields wegate does not know are ignored, as RFC 7591 says.
 * wegate's extensions (RFC 7591 section 2 allows them): {@code first_party}, and {@code
 * wegate_upstreams} / {@code wegate_app} ({@link OidcClientRestrictions}, as {@code
 * wegate.oidc.clients[n].upstreams} / {@code .app} take them).
 */
record ClientMetadata(
        String clientName,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> grantTypes,
        List<String> responseTypes,
        String tokenEndpointAuthMethod,
        Set<String> scopes,
        String subjectType,
        String idTokenSignedResponseAlg,
        boolean firstParty,
        String jwksUri,
        String tokenEndpointAuthSigningAlg,
        String backchannelLogoutUri,
        List<String> upstreams,
        String app) {

    static final String DEVICE_CODE = AuthorizationGrantType.DEVICE_CODE.getValue();
    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", DEVICE_CODE);
    private static final Set<String> AUTH_METHODS =
            Set.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
    /** What a {@code private_key_jwt} client may sign its assertions with (OpenID Connect Registration). */
    static final List<String> ASSERTION_ALGS = List.of("RS256", "ES256");

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final int MAX_URIS = 50;
    private static final int MAX_URI_LENGTH = 2000;

    /**
     * Reads and validates a registration request; throws the RFC 7591 error, having stored nothing.
     *
     * @param logins the upstreams and apps of this gateway, which {@code wegate_upstreams} and
     *     {@code wegate_app} may name
     */
    static ClientMetadata read(JsonNode body, OidcClientRestrictions.Logins logins) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object of RFC 7591 client metadata");
        }
        List<String> grantTypes = strings(body, "grant_types", List.of("authorization_code"));
        for (String g : grantTypes) {
            if (!GRANT_TYPES.contains(g)) {
                throw invalid("grant_types: '" + g + "' is not supported (authorization_code, refresh_token, "
                        + DEVICE_CODE + ")");
            }
        }
        if (grantTypes.isEmpty() || grantTypes.stream().allMatch("refresh_token"::equals)) {
            throw invalid("grant_types: name authorization_code or " + DEVICE_CODE + " (refresh_token alone grants"
                    + " nothing)");
        }
        boolean code = grantTypes.contains("authorization_code");
        List<String> responseTypes = strings(body, "response_types", code ? List.of("code") : List.of());
        for (String r : responseTypes) {
            if (!r.equals("code")) {
                throw invalid("response_types: '" + r + "' is not supported (code)");
            }
        }
        if (code != responseTypes.contains("code")) {
            throw invalid("grant_types and response_types disagree: authorization_code goes with the response type"
                    + " code (RFC 7591 §2.1)");
        }
        List<String> redirectUris = strings(body, "redirect_uris", List.of());
        if (code && redirectUris.isEmpty()) {
            throw new ApiException(
                    GatewayError.INVALID_REDIRECT_URI, "redirect_uris is required for the authorization_code grant");
        }
        uris(redirectUris, "redirect_uris", GatewayError.INVALID_REDIRECT_URI);
        List<String> postLogout = strings(body, "post_logout_redirect_uris", List.of());
        uris(postLogout, "post_logout_redirect_uris", GatewayError.INVALID_CLIENT_METADATA);

        String method = string(body, "token_endpoint_auth_method", "client_secret_basic");
        if (!AUTH_METHODS.contains(method)) {
            throw invalid("token_endpoint_auth_method: '" + method
                    + "' is not supported (client_secret_basic, client_secret_post, private_key_jwt, none)");
        }
        String jwksUri = string(body, "jwks_uri", null);
        if (body.has("jwks") && !body.get("jwks").isNull()) {
            if (jwksUri != null) {
                throw invalid("send jwks or jwks_uri, not both (RFC 7591 §2)");
            }
            throw invalid("jwks (keys inline) is not supported: publish the client's keys at an https URL and send"
                    + " jwks_uri");
        }
        if (method.equals("private_key_jwt") && jwksUri == null) {
            throw invalid("private_key_jwt needs jwks_uri: where wegate reads the client's public keys");
        }
        if (jwksUri != null) {
            // the redirect URIs' rule: https, or http on the loopback interface (a fetch that never
            // leaves this host), in sandbox and production mode alike
            String problem = redirectProblem(jwksUri, false);
            if (problem != null) {
                throw invalid("jwks_uri " + problem);
            }
        }
        String signingAlg = string(body, "token_endpoint_auth_signing_alg", null);
        if (signingAlg != null && !method.equals("private_key_jwt")) {
            throw invalid("token_endpoint_auth_signing_alg goes with token_endpoint_auth_method private_key_jwt only");
        }
        if (method.equals("private_key_jwt")) {
            signingAlg = signingAlg == null ? "RS256" : signingAlg;
            if (!ASSERTION_ALGS.contains(signingAlg)) {
                throw invalid("token_endpoint_auth_signing_alg must be RS256 or ES256");
            }
        }
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("openid");
        String scope = string(body, "scope", "openid profile");
        for (String s : scope.trim().split(" +")) {
            if (!SCOPE_TOKEN.matcher(s).matches()) {
                throw invalid("scope: '" + s + "' is not a scope token (RFC 6749 §3.3)");
            }
            scopes.add(s);
        }
        String subjectType = string(body, "subject_type", "public");
        if (!subjectType.equals("public") && !subjectType.equals("pairwise")) {
            throw invalid("subject_type must be public or pairwise");
        }
        String alg = string(body, "id_token_signed_response_alg", "RS256");
        if (!alg.equals("RS256") && !alg.equals("ES256")) {
            throw invalid("id_token_signed_response_alg must be RS256 or ES256");
        }
        String name = string(body, "client_name", null);
        if (name != null
                && (name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl))) {
            throw invalid("client_name must be 1-200 printable characters");
        }
        boolean firstParty = false;
        if (body.has("first_party") && !body.get("first_party").isNull()) {
            if (!body.get("first_party").isBoolean()) {
                throw invalid("first_party must be true or false");
            }
            firstParty = body.get("first_party").booleanValue();
        }
        String backchannel = string(body, "backchannel_logout_uri", null);
        if (backchannel != null) {
            String problem = redirectProblem(backchannel, false);
            if (problem != null) {
                throw invalid("backchannel_logout_uri " + problem);
            }
        }
        List<String> upstreams = strings(body, "wegate_upstreams", List.of());
        String app = string(body, "wegate_app", null);
        String restriction = logins.problem(upstreams, app);
        if (restriction != null) {
            throw invalid(restriction);
        }
        return new ClientMetadata(
                name,
                redirectUris,
                postLogout,
                grantTypes,
                responseTypes,
                method,
                scopes,
                subjectType,
                alg,
                firstParty,
                jwksUri,
                signingAlg,
                backchannel,
                upstreams,
                app);
    }

    boolean needsSecret() {
        return tokenEndpointAuthMethod.startsWith("client_secret_");
    }

    /** The client as the authorization server registers it, with {@code secret} (already hashed) or none. */
    RegisteredClient registered(
            String id, String clientId, java.time.Instant issuedAt, String hashedSecret, OidcClientDefaults defaults) {
        RegisteredClient.Builder b = RegisteredClient.withId(id)
                .clientId(clientId)
                .clientIdIssuedAt(issuedAt)
                .clientName(clientName == null ? clientId : clientName)
                .clientAuthenticationMethod(new ClientAuthenticationMethod(tokenEndpointAuthMethod));
        if (needsSecret()) {
            b.clientSecret(hashedSecret);
        }
        grantTypes.forEach(g -> b.authorizationGrantType(new AuthorizationGrantType(g)));
        redirectUris.forEach(b::redirectUri);
        postLogoutRedirectUris.forEach(b::postLogoutRedirectUri);
        scopes.forEach(b::scope);
        ClientSettings.Builder settings = ClientSettings.builder()
                // PKCE for every public client (RFC 9700 §2.1.1); accepted from all
                .requireProofKey(tokenEndpointAuthMethod.equals("none"))
                .requireAuthorizationConsent(!firstParty)
                .setting(OidcClients.FIRST_PARTY, firstParty)
                .setting(OidcClients.SUBJECT_TYPE, subjectType);
        if (clientName != null) {
            settings.setting(OidcClients.CLIENT_NAME, clientName);
        }
        if (jwksUri != null) {
            settings.jwkSetUrl(jwksUri);
        }
        if (tokenEndpointAuthSigningAlg != null) {
            // the algorithm Spring's JwtClientAssertionAuthenticationProvider verifies assertions with
            settings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.from(tokenEndpointAuthSigningAlg));
        }
        settings.settings(s -> OidcClientRestrictions.write(s, upstreams, app));
        if (backchannelLogoutUri != null) {
            settings.setting(OidcClients.BACKCHANNEL_LOGOUT_URI, backchannelLogoutUri);
        }
        b.clientSettings(settings.build());
        b.tokenSettings(defaults.tokenSettings(idTokenSignedResponseAlg));
        return b.build();
    }

    /** A registered client as RFC 7591 metadata (never its secret), plus wegate's {@code source}. */
    static Map<String, Object> of(RegisteredClient c, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", c.getClientId());
        m.put(
                "client_id_issued_at",
                c.getClientIdIssuedAt() == null ? null : c.getClientIdIssuedAt().getEpochSecond());
        ClientSettings s = c.getClientSettings();
        Object name = s.getSetting(OidcClients.CLIENT_NAME);
        m.put("client_name", name != null ? name : c.getClientName());
        m.put("redirect_uris", List.copyOf(c.getRedirectUris()));
        m.put("post_logout_redirect_uris", List.copyOf(c.getPostLogoutRedirectUris()));
        List<String> grants = c.getAuthorizationGrantTypes().stream()
                .map(AuthorizationGrantType::getValue)
                .sorted()
                .toList();
        m.put("grant_types", grants);
        m.put("response_types", grants.contains("authorization_code") ? List.of("code") : List.of());
        Set<String> methods = new LinkedHashSet<>();
        c.getClientAuthenticationMethods().forEach(a -> methods.add(a.getValue()));
        String method = methods.contains("client_secret_basic")
                ? "client_secret_basic"
                : methods.stream().sorted().findFirst().orElse("none");
        m.put("token_endpoint_auth_method", method);
        if (c.getClientSecret() != null) {
            m.put("client_secret_expires_at", 0);
        }
        m.put("scope", String.join(" ", new ArrayList<>(c.getScopes())));
        Object subjectType = s.getSetting(OidcClients.SUBJECT_TYPE);
        m.put("subject_type", subjectType != null ? subjectType : "public");
        m.put(
                "id_token_signed_response_alg",
                c.getTokenSettings().getIdTokenSignatureAlgorithm().getName());
        if (s.getJwkSetUrl() != null) {
            m.put("jwks_uri", s.getJwkSetUrl());
        }
        if (s.getTokenEndpointAuthenticationSigningAlgorithm() != null) {
            m.put(
                    "token_endpoint_auth_signing_alg",
                    s.getTokenEndpointAuthenticationSigningAlgorithm().getName());
        }
        if (s.getSetting(OidcClients.BACKCHANNEL_LOGOUT_URI) != null) {
            m.put("backchannel_logout_uri", s.getSetting(OidcClients.BACKCHANNEL_LOGOUT_URI));
        }
        Object firstParty = s.getSetting(OidcClients.FIRST_PARTY);
        m.put("first_party", firstParty != null ? firstParty : !s.isRequireAuthorizationConsent());
        List<String> upstreams = OidcClientRestrictions.upstreams(c);
        if (!upstreams.isEmpty()) {
            m.put("wegate_upstreams", upstreams);
        }
        if (OidcClientRestrictions.app(c) != null) {
            m.put("wegate_app", OidcClientRestrictions.app(c));
        }
        m.put("source", source);
        return m;
    }

    /**
     * Why a redirect URI is refused, or null: absolute, no fragment, no user information, no
     * wildcard; https, or http on the loopback interface only (RFC 8252 §7.3), or a private-use
     * scheme of reverse-domain form for native apps (RFC 8252 §7.1, e.g. {@code com.example.app:/cb}).
     */
    static String redirectProblem(String uri, boolean nativeSchemes) {
        if (uri.length() > MAX_URI_LENGTH) {
            return "is longer than " + MAX_URI_LENGTH + " characters";
        }
        if (uri.contains("*")) {
            return "'" + uri + "' contains a wildcard: redirect URIs are matched exactly";
        }
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            return "'" + uri + "' is not a valid URI";
        }
        if (!u.isAbsolute()) {
            return "'" + uri + "' is not absolute";
        }
        if (u.getRawFragment() != null || uri.contains("#")) {
            return "'" + uri + "' contains a fragment (RFC 6749 §3.1.2)";
        }
        if (u.getRawUserInfo() != null) {
            return "'" + uri + "' contains user information";
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return u.getHost() == null ? "'" + uri + "' has no host" : null;
        }
        if (scheme.equals("http")) {
            return u.getHost() != null && LOOPBACK.contains(u.getHost().toLowerCase(Locale.ROOT))
                    ? null
                    : "'" + uri + "' uses http on a host that is not the loopback interface (localhost, 127.0.0.1,"
                            + " [::1]): use https";
        }
        if (nativeSchemes && scheme.contains(".") && !u.isOpaque()) {
            return null;
        }
        return "'" + uri + "' has the scheme " + scheme + ": use https, http on the loopback interface"
                + (nativeSchemes
                        ? ", or a reverse-domain scheme for a native app (e.g. com.example.app:/callback)"
                        : "");
    }

    private static void uris(List<String> uris, String field, GatewayError error) {
        if (uris.size() > MAX_URIS) {
            throw new ApiException(error, field + ": at most " + MAX_URIS);
        }
        for (String uri : uris) {
            String problem = redirectProblem(uri, true);
            if (problem != null) {
                throw new ApiException(error, field + ": " + problem);
            }
        }
    }

    private static String string(JsonNode body, String field, String otherwise) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.isString() || n.asString().isBlank()) {
            throw invalid(field + " must be a non-empty string");
        }
        return n.asString();
    }

    private static List<String> strings(JsonNode body, String field, List<String> otherwise) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        if (!n.isArray()) {
            throw invalid(field + " must be an array of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode v : n) {
            if (!v.isString() || v.asString().isBlank() || v.asString().contains(" ")) {
                throw invalid(field + " must be an array of non-empty strings without spaces");
            }
            values.add(v.asString());
        }
        return List.copyOf(values);
    }

    private static ApiException invalid(String detail) {
        return new ApiException(GatewayError.INVALID_CLIENT_METADATA, detail);
    }
}
