package io.wegate.server.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relying parties in the database (table {@code oidc_client}), behind a small cache: the
 * authorization server looks a client up at every authorization and token request. A change made
 * on this instance is seen at once; one made on another instance of a cluster within {@link #TTL}.
 *
 * <p>Every row has a source: {@code configuration} (written from {@code wegate.oidc.clients[n]} at
 * every start, which is authoritative for them), {@code api}, {@code cli} (the admin API and
 * {@code --register-client}) or {@code application} (saved through {@link #save}). A client's
 * login restriction ({@link OidcClientRestrictions}) has its own columns, {@code upstreams} and
 * {@code app} (Flyway V8), rather than a place in the settings' JSON.
 */
final class JdbcClientRepository implements RegisteredClientRepository {

    /** How long another instance's change may go unseen. */
    static final Duration TTL = Duration.ofSeconds(5);

    static final String CONFIGURATION = "configuration";
    static final String APPLICATION = "application";

    private static final Logger log = LoggerFactory.getLogger(JdbcClientRepository.class);
    private static final String COLUMNS = "id, client_id, client_id_issued_at, client_secret, client_secret_expires_at,"
            + " client_name, client_authentication_methods, authorization_grant_types, redirect_uris,"
            + " post_logout_redirect_uris, scopes, client_settings, token_settings, upstreams, app, source";

    /** A client with where it came from. */
    record Stored(RegisteredClient client, String source) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration accessTokenTtl;
    private final Duration loginTtl;
    private final JsonMapper json;
    private final Cache<String, Optional<Stored>> byClientId;
    private final Cache<String, Optional<Stored>> byId;

    JdbcClientRepository(JdbcClient jdbc, Clock clock, Duration accessTokenTtl, Duration loginTtl) {
        if (jdbc == null || clock == null || accessTokenTtl == null || loginTtl == null) {
            throw new IllegalArgumentException("jdbc, clock and both token lifetimes are required");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.accessTokenTtl = accessTokenTtl;
        this.loginTtl = loginTtl;
        // the authorization server's own modules: the settings read back as they were written
        this.json = JsonMapper.builder()
                .addModules(SecurityJacksonModules.getModules(JdbcClientRepository.class.getClassLoader()))
                .build();
        // the clock's ticker, so a test can move time past the TTL; unknown client ids are cached
        // too (as empty), so a flood of made-up ids does not become a flood of queries
        this.byClientId = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(TTL)
                .maximumSize(10_000)
                .build();
        this.byId = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(TTL)
                .maximumSize(10_000)
                .build();
    }

    @Override
    public RegisteredClient findById(String id) {
        return stored(id, null).map(Stored::client).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return storedByClientId(clientId).map(Stored::client).orElse(null);
    }

    Optional<Stored> storedByClientId(String clientId) {
        if (clientId == null || clientId.length() > 100) {
            return Optional.empty();
        }
        return stored(null, clientId);
    }

    private Optional<Stored> stored(String id, String clientId) {
        if (id != null) {
            return byId.get(id, k -> query("id", k));
        }
        return byClientId.get(clientId, k -> query("client_id", k));
    }

    private Optional<Stored> query(String column, String value) {
        return jdbc.sql("select " + COLUMNS + " from oidc_client where " + column + " = ?")
                .param(value)
                .query((rs, n) -> new Row(
                        rs.getString("id"),
                        rs.getString("client_id"),
                        rs.getLong("client_id_issued_at"),
                        rs.getString("client_secret"),
                        (Long) rs.getObject("client_secret_expires_at", Long.class),
                        rs.getString("client_name"),
                        rs.getString("client_authentication_methods"),
                        rs.getString("authorization_grant_types"),
                        rs.getString("redirect_uris"),
                        rs.getString("post_logout_redirect_uris"),
                        rs.getString("scopes"),
                        rs.getString("client_settings"),
                        rs.getString("token_settings"),
                        rs.getString("upstreams"),
                        rs.getString("app"),
                        rs.getString("source")))
                .optional()
                .map(this::client);
    }

    /** Every client, by client_id. */
    List<Stored> all() {
        return jdbc.sql("select client_id from oidc_client order by client_id").query(String.class).list().stream()
                .map(id -> query("client_id", id))
                .flatMap(Optional::stream)
                .toList();
    }

    /** A client saved by code (the authorization server, tests): keeps the source of an existing row. */
    @Override
    public void save(RegisteredClient client) {
        if (client == null) {
            throw new IllegalArgumentException("client is required");
        }
        if (jdbc.sql("select count(*) from oidc_client where id = ?")
                        .param(client.getId())
                        .query(Integer.class)
                        .single()
                > 0) {
            update(client);
        } else {
            insert(client, APPLICATION);
        }
    }

    void insert(RegisteredClient c, String source) {
        try {
            jdbc.sql("insert into oidc_client (" + COLUMNS + ", updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?)")
                    .params(c.getId(), c.getClientId(), millis(c.getClientIdIssuedAt(), clock.instant()))
                    .params(values(c))
                    .params(source, clock.millis())
                    .update();
        } finally {
            invalidate();
        }
    }

    /** Replaces everything but the id, client_id, issue time and source. */
    boolean update(RegisteredClient c) {
        try {
            return jdbc.sql("update oidc_client set client_secret = ?, client_secret_expires_at = ?, client_name = ?,"
                                    + " client_authentication_methods = ?, authorization_grant_types = ?,"
                                    + " redirect_uris = ?, post_logout_redirect_uris = ?, scopes = ?,"
                                    + " client_settings = ?, token_settings = ?, upstreams = ?, app = ?,"
                                    + " updated_at = ? where id = ?")
                            .params(values(c))
                            .params(clock.millis(), c.getId())
                            .update()
                    == 1;
        } finally {
            invalidate();
        }
    }

    boolean delete(String id) {
        try {
            return jdbc.sql("delete from oidc_client where id = ?").param(id).update() == 1;
        } finally {
            invalidate();
        }
    }

    /**
     * Writes the clients of the configuration, which is authoritative for them: each is upserted
     * (by client_id; several instances starting at once on one database all succeed), and
     * configured clients no longer in the configuration are removed.
     */
    void syncConfiguration(List<RegisteredClient> configured) {
        for (RegisteredClient c : configured) {
            if (!upsertConfigured(c)) {
                try {
                    insert(c, CONFIGURATION);
                } catch (DuplicateKeyException e) {
                    // another instance inserted it a moment ago: then it is there to update
                    if (!upsertConfigured(c)) {
                        throw e;
                    }
                }
            }
        }
        Set<String> ids = configured.stream().map(RegisteredClient::getClientId).collect(Collectors.toSet());
        for (String stale : jdbc.sql("select client_id from oidc_client where source = ?")
                .param(CONFIGURATION)
                .query(String.class)
                .list()) {
            if (!ids.contains(stale)) {
                log.info("OIDC client {} is no longer in the configuration: removed", stale);
                jdbc.sql("delete from oidc_client where client_id = ? and source = ?")
                        .params(stale, CONFIGURATION)
                        .update();
            }
        }
        invalidate();
    }

    private boolean upsertConfigured(RegisteredClient c) {
        String source = jdbc.sql("select source from oidc_client where client_id = ?")
                .param(c.getClientId())
                .query(String.class)
                .optional()
                .orElse(null);
        if (source == null) {
            return false;
        }
        if (!CONFIGURATION.equals(source)) {
            log.warn(
                    "OIDC client {} (registered through {}) is now declared in the configuration, which replaces it",
                    c.getClientId(),
                    source);
        }
        jdbc.sql("update oidc_client set client_secret = ?, client_secret_expires_at = ?, client_name = ?,"
                        + " client_authentication_methods = ?, authorization_grant_types = ?, redirect_uris = ?,"
                        + " post_logout_redirect_uris = ?, scopes = ?, client_settings = ?, token_settings = ?,"
                        + " upstreams = ?, app = ?, source = ?, updated_at = ? where client_id = ?")
                .params(values(c))
                .params(CONFIGURATION, clock.millis(), c.getClientId())
                .update();
        return true;
    }

    void invalidate() {
        byClientId.invalidateAll();
        byId.invalidateAll();
    }

    /** The columns after id, client_id and issue time: the login restriction in its own columns, not in the settings. */
    private List<Object> values(RegisteredClient c) {
        Map<String, Object> settings = portable(c.getClientSettings().getSettings());
        settings.remove(OidcClientRestrictions.UPSTREAMS);
        settings.remove(OidcClientRestrictions.APP);
        List<String> upstreams = OidcClientRestrictions.upstreams(c);
        return Arrays.asList(
                c.getClientSecret(),
                c.getClientSecretExpiresAt() == null
                        ? null
                        : c.getClientSecretExpiresAt().toEpochMilli(),
                c.getClientName() == null ? c.getClientId() : c.getClientName(),
                c.getClientAuthenticationMethods().stream()
                        .map(ClientAuthenticationMethod::getValue)
                        .collect(Collectors.joining(" ")),
                c.getAuthorizationGrantTypes().stream()
                        .map(AuthorizationGrantType::getValue)
                        .collect(Collectors.joining(" ")),
                String.join(" ", c.getRedirectUris()),
                String.join(" ", c.getPostLogoutRedirectUris()),
                String.join(" ", c.getScopes()),
                json.writeValueAsString(settings),
                json.writeValueAsString(portable(c.getTokenSettings().getSettings())),
                upstreams.isEmpty() ? null : String.join(" ", upstreams),
                OidcClientRestrictions.app(c));
    }

    /**
     * The settings with lists as {@link java.util.ArrayList}: the type the authorization server's
     * JSON modules read back ({@code List.of(...)} would be refused on reading).
     */
    private static Map<String, Object> portable(Map<String, Object> settings) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> m.put(k, v instanceof java.util.Collection<?> l ? new java.util.ArrayList<>(l) : v));
        return m;
    }

    private static long millis(Instant at, Instant otherwise) {
        return (at == null ? otherwise : at).toEpochMilli();
    }

    private record Row(
            String id,
            String clientId,
            long clientIdIssuedAt,
            String clientSecret,
            Long clientSecretExpiresAt,
            String clientName,
            String methods,
            String grantTypes,
            String redirectUris,
            String postLogoutRedirectUris,
            String scopes,
            String clientSettings,
            String tokenSettings,
            String upstreams,
            String app,
            String source) {}

    private Stored client(Row r) {
        RegisteredClient.Builder b = RegisteredClient.withId(r.id())
                .clientId(r.clientId())
                .clientIdIssuedAt(Instant.ofEpochMilli(r.clientIdIssuedAt()))
                .clientSecret(r.clientSecret())
                .clientSecretExpiresAt(
                        r.clientSecretExpiresAt() == null ? null : Instant.ofEpochMilli(r.clientSecretExpiresAt()))
                .clientName(r.clientName());
        words(r.methods()).forEach(m -> b.clientAuthenticationMethod(new ClientAuthenticationMethod(m)));
        words(r.grantTypes()).forEach(g -> b.authorizationGrantType(new AuthorizationGrantType(g)));
        words(r.redirectUris()).forEach(b::redirectUri);
        words(r.postLogoutRedirectUris()).forEach(b::postLogoutRedirectUri);
        words(r.scopes()).forEach(b::scope);
        Map<String, Object> settings = map(r.clientSettings());
        // the restriction from its columns (a row written before V8 carries it in its settings, until
        // the configuration's next start rewrites it)
        OidcClientRestrictions.write(settings, List.copyOf(words(r.upstreams())), r.app());
        ClientSettings.Builder clientSettings = ClientSettings.withSettings(settings);
        if (words(r.methods()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue())
                && clientSettings.build().getTokenEndpointAuthenticationSigningAlgorithm() == null) {
            // registered before the algorithm was stored: the registration's default
            clientSettings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256);
        }
        b.clientSettings(clientSettings.build());
        TokenSettings stored =
                TokenSettings.withSettings(map(r.tokenSettings())).build();
        if (APPLICATION.equals(r.source())) {
            b.tokenSettings(stored);
        } else {
            // the lifetimes of the configuration as they are now, not as they were when it was registered
            b.tokenSettings(OidcClients.tokenSettings(
                    accessTokenTtl,
                    loginTtl,
                    stored.getIdTokenSignatureAlgorithm().getName()));
        }
        return new Stored(b.build(), r.source());
    }

    private Map<String, Object> map(String value) {
        return json.readValue(value, new TypeReference<Map<String, Object>>() {});
    }

    private static Set<String> words(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(value.trim().split(" +")));
    }
}
