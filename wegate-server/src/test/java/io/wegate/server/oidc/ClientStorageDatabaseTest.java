package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.server.error.ApiException;
import io.wegate.server.support.MovableClock;
import io.wegate.server.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client storage on every supported database (H2, PostgreSQL, MariaDB; a fresh database
 * each, migrated by Flyway): clients round-trip with the shared settings, several instances
 * writing the configuration at once all start, a change on another instance is seen within the
 * cache's TTL, and a failed registration leaves nothing.
 */
class ClientStorageDatabaseTest {

    private static final Duration ACCESS = Duration.ofMinutes(10);
    private static final Duration LOGIN = Duration.ofHours(8);
    private static final OidcClientRestrictions.Logins LOGINS = new OidcClientRestrictions.Logins(
            Map.of("wecom", Set.of("default", "1000003"), "wechat", Set.of("web", "mp")));

    record Db(String name, TestDatabases.Db db) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Db> databases() {
        return Stream.of(
                new Db(
                        "h2",
                        new TestDatabases.Db(
                                "jdbc:h2:mem:clients-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")),
                new Db("postgres", TestDatabases.postgres()),
                new Db("mariadb", TestDatabases.mariadb()));
    }

    private static DriverManagerDataSource dataSource(Db db) {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                db.db().url(), db.db().user(), db.db().password());
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return ds;
    }

    private static JdbcClientRepository repository(DriverManagerDataSource ds, MovableClock clock) {
        return new JdbcClientRepository(JdbcClient.create(ds), clock, ACCESS, LOGIN);
    }

    private static List<RegisteredClient> configured(String secret) {
        OidcProperties p = new OidcProperties(List.of(new OidcProperties.Client(
                "grafana",
                secret,
                List.of("https://grafana.example.test/cb"),
                List.of(),
                Set.of("openid", "profile"),
                false,
                false,
                "ES256",
                "pairwise",
                List.of("wecom"),
                "default",
                "https://grafana.example.test/backchannel-logout")));
        return OidcClients.of(p, true, ACCESS, LOGIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenSavedWithTheSharedSettingsThenReadBackTheSame(Db db) {
        JdbcClientRepository r = repository(dataSource(db), new MovableClock());
        RegisteredClient c = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("saved-" + db.name())
                .clientSecret("{noop}s3cret")
                .clientName("保存的客户端")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
                .redirectUri("https://a.example.test/cb?x=1,2")
                .redirectUri("com.example.app:/cb")
                .postLogoutRedirectUri("https://a.example.test/")
                .scope("openid")
                .scope("wecom")
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(true)
                        .setting(OidcClients.FIRST_PARTY, false)
                        .setting(OidcClients.SUBJECT_TYPE, "pairwise")
                        .setting(OidcClients.CLIENT_NAME, "保存的客户端")
                        .setting("wegate.allowed-upstreams", List.of("wecom", "wechat"))
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(Duration.ofSeconds(7))
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
                        .build())
                .build();

        r.save(c);
        RegisteredClient back = r.findByClientId(c.getClientId());

        assertThat(back).isNotNull();
        assertThat(back.getId()).isEqualTo(c.getId());
        assertThat(r.findById(c.getId()).getClientId()).isEqualTo(c.getClientId());
        assertThat(back.getClientSecret()).isEqualTo("{noop}s3cret");
        assertThat(back.getClientAuthenticationMethods())
                .containsExactly(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        assertThat(back.getAuthorizationGrantTypes())
                .containsExactlyInAnyOrder(
                        AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.DEVICE_CODE);
        assertThat(back.getRedirectUris()).containsExactlyInAnyOrderElementsOf(c.getRedirectUris());
        assertThat(back.getPostLogoutRedirectUris()).containsExactly("https://a.example.test/");
        assertThat(back.getScopes()).containsExactlyInAnyOrder("openid", "wecom");
        assertThat(back.getClientSettings().getSettings())
                .isEqualTo(c.getClientSettings().getSettings());
        assertThat(back.getTokenSettings().getAuthorizationCodeTimeToLive()).isEqualTo(Duration.ofSeconds(7));
        assertThat(back.getTokenSettings().getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.ES256);

        // saved again (changed): an update, not a second row
        r.save(RegisteredClient.from(back)
                .redirectUris(u -> u.remove("com.example.app:/cb"))
                .build());
        assertThat(r.findByClientId(c.getClientId()).getRedirectUris())
                .containsExactly("https://a.example.test/cb?x=1,2");
        assertThat(r.all()).extracting(s -> s.client().getClientId()).containsOnlyOnce(c.getClientId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenInstancesWriteTheConfigurationAtOnceThenAllStartAndOneRowEach(Db db) throws Exception {
        DriverManagerDataSource ds = dataSource(db);
        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        List<Future<?>> started = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(instances)) {
            for (int i = 0; i < instances; i++) {
                started.add(pool.submit(() -> {
                    together.await();
                    repository(ds, new MovableClock()).syncConfiguration(configured("{noop}grafana-secret"));
                    return null;
                }));
            }
            for (Future<?> f : started) {
                f.get();
            }
        }
        JdbcClientRepository r = repository(ds, new MovableClock());
        assertThat(r.all()).extracting(s -> s.client().getClientId()).containsExactly("grafana", "wegate-demo");
        RegisteredClient grafana = r.findByClientId("grafana");
        // the configured secret is stored as its SHA-256, not as written
        assertThat(grafana.getClientSecret())
                .isEqualTo("{sha256}" + io.wegate.server.web.Sha256.hex("grafana-secret"))
                .doesNotContain("grafana-secret");
        assertThat(ClientSecrets.encoder().matches("grafana-secret", grafana.getClientSecret()))
                .isTrue();
        assertThat(ClientSecrets.encoder().matches("grafana-secreT", grafana.getClientSecret()))
                .isFalse();
        assertThat(grafana.getClientSettings().<Object>getSetting(OidcClients.SUBJECT_TYPE))
                .isEqualTo("pairwise");
        assertThat(grafana.getClientSettings().<Object>getSetting(OidcClients.FIRST_PARTY))
                .isEqualTo(false);
        assertThat(grafana.getClientSettings().isRequireAuthorizationConsent()).isTrue();
        assertThat(grafana.getTokenSettings().getIdTokenSignatureAlgorithm()).isEqualTo(SignatureAlgorithm.ES256);
        // the login restriction in its own columns (V8), and back in the settings
        assertThat(restriction(ds, "grafana")).isEqualTo("wecom|default");
        assertThat(grafana.getClientSettings().<Object>getSetting(OidcClientRestrictions.UPSTREAMS))
                .isEqualTo("wecom");
        assertThat(grafana.getClientSettings().<Object>getSetting(OidcClientRestrictions.APP))
                .isEqualTo("default");

        // the next start, with grafana gone from the configuration and a new secret for the demo: config wins
        r.syncConfiguration(OidcClients.of(new OidcProperties(List.of()), true, ACCESS, LOGIN));
        assertThat(r.findByClientId("grafana")).isNull();
        assertThat(r.findByClientId("wegate-demo")).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenAnotherInstanceChangesAClientThenSeenWithinTheTtl(Db db) {
        DriverManagerDataSource ds = dataSource(db);
        MovableClock clock = new MovableClock();
        JdbcClientRepository here = repository(ds, clock);
        JdbcClientRepository there = repository(ds, new MovableClock());
        OidcClientRegistry registry = new OidcClientRegistry(
                there,
                new OidcClientDefaults(ACCESS, LOGIN),
                LOGINS,
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                new MovableClock());
        JsonMapper json = JsonMapper.builder().build();
        String clientId = (String)
                registry.create(json.readTree("{\"redirect_uris\":[\"https://a.example.test/cb\"]}"), "api", id -> {})
                        .get("client_id");
        assertThat(here.findByClientId(clientId).getRedirectUris()).containsExactly("https://a.example.test/cb");

        registry.update(clientId, json.readTree("{\"redirect_uris\":[\"https://b.example.test/cb\"]}"), id -> {});

        // still the cached copy here, for at most the TTL
        assertThat(here.findByClientId(clientId).getRedirectUris()).containsExactly("https://a.example.test/cb");
        clock.advance(JdbcClientRepository.TTL.plusMillis(1));
        assertThat(here.findByClientId(clientId).getRedirectUris()).containsExactly("https://b.example.test/cb");

        registry.delete(clientId, id -> {});
        clock.advance(JdbcClientRepository.TTL.plusMillis(1));
        assertThat(here.findByClientId(clientId)).isNull();
    }

    /** {@code upstreams|app} of a client's row, {@code -} for null; and its settings never hold them. */
    private static String restriction(DriverManagerDataSource ds, String clientId) {
        return JdbcClient.create(ds)
                .sql("select upstreams, app, client_settings from oidc_client where client_id = ?")
                .param(clientId)
                .query((rs, n) -> {
                    assertThat(rs.getString("client_settings"))
                            .doesNotContain(OidcClientRestrictions.UPSTREAMS)
                            .doesNotContain(OidcClientRestrictions.APP + "\"");
                    return (rs.getString("upstreams") == null ? "-" : rs.getString("upstreams")) + "|"
                            + (rs.getString("app") == null ? "-" : rs.getString("app"));
                })
                .single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenRegisteredWithARestrictionAndPrivateKeyJwtThenStoredInTheColumnsAndReadBackOnAnotherInstance(Db db) {
        DriverManagerDataSource ds = dataSource(db);
        OidcClientRegistry registry = new OidcClientRegistry(
                repository(ds, new MovableClock()),
                new OidcClientDefaults(ACCESS, LOGIN),
                LOGINS,
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                new MovableClock());
        JsonMapper json = JsonMapper.builder().build();
        String metadata = "{\"redirect_uris\":[\"https://a.example.test/cb\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"jwks_uri\":\"https://a.example.test/jwks.json\",\"token_endpoint_auth_signing_alg\":\"ES256\"";

        String clientId = (String) registry.create(
                        json.readTree(metadata + ",\"wegate_upstreams\":[\"wecom\",\"wechat\"],\"wegate_app\":\"mp\"}"),
                        "api",
                        id -> {})
                .get("client_id");

        assertThat(restriction(ds, clientId)).isEqualTo("wecom wechat|mp");
        RegisteredClient there = repository(ds, new MovableClock()).findByClientId(clientId);
        assertThat(OidcClientRestrictions.upstreams(there)).containsExactly("wecom", "wechat");
        assertThat(OidcClientRestrictions.app(there)).isEqualTo("mp");
        assertThat(there.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(there.getClientSecret()).isNull();
        assertThat(there.getClientSettings().getJwkSetUrl()).isEqualTo("https://a.example.test/jwks.json");
        assertThat(there.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm())
                .isEqualTo(SignatureAlgorithm.ES256);
        Map<String, Object> read = registry.get(clientId);
        assertThat(read.get("wegate_upstreams")).isEqualTo(List.of("wecom", "wechat"));
        assertThat(read.get("wegate_app")).isEqualTo("mp");
        assertThat(read.get("token_endpoint_auth_signing_alg")).isEqualTo("ES256");

        // one upstream only, then none: the columns follow
        registry.update(clientId, json.readTree(metadata + ",\"wegate_upstreams\":[\"wechat\"]}"), id -> {});
        assertThat(restriction(ds, clientId)).isEqualTo("wechat|-");
        registry.update(clientId, json.readTree(metadata + "}"), id -> {});
        assertThat(restriction(ds, clientId)).isEqualTo("-|-");
        assertThat(registry.get(clientId)).doesNotContainKeys("wegate_upstreams", "wegate_app");

        // an unknown upstream or app, or an app its upstreams exclude: refused, nothing changed
        for (String bad : List.of(
                ",\"wegate_upstreams\":[\"qq\"]}",
                ",\"wegate_app\":\"nope\"}",
                ",\"wegate_upstreams\":[\"wecom\"],\"wegate_app\":\"web\"}")) {
            assertThatThrownBy(() -> registry.update(clientId, json.readTree(metadata + bad), id -> {}))
                    .isInstanceOf(ApiException.class);
        }
        assertThat(restriction(ds, clientId)).isEqualTo("-|-");

        // a private_key_jwt client stored without its algorithm (before it was stored) reads back RS256
        JdbcClientRepository r = repository(ds, new MovableClock());
        r.save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("legacy-" + db.name())
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("https://a.example.test/cb")
                .scope("openid")
                .clientSettings(ClientSettings.builder()
                        .jwkSetUrl("https://a.example.test/jwks.json")
                        .build())
                .build());
        assertThat(r.findByClientId("legacy-" + db.name())
                        .getClientSettings()
                        .getTokenEndpointAuthenticationSigningAlgorithm())
                .isEqualTo(SignatureAlgorithm.RS256);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whenTheAuditOfARegistrationFailsThenNothingIsStored(Db db) {
        DriverManagerDataSource ds = dataSource(db);
        JdbcClientRepository r = repository(ds, new MovableClock());
        OidcClientRegistry registry = new OidcClientRegistry(
                r,
                new OidcClientDefaults(ACCESS, LOGIN),
                LOGINS,
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                new MovableClock());
        JsonMapper json = JsonMapper.builder().build();

        assertThatThrownBy(() -> registry.create(
                        json.readTree("{\"redirect_uris\":[\"https://a.example.test/cb\"]}"), "api", id -> {
                            throw new IllegalStateException("audit down");
                        }))
                .hasMessage("audit down");
        assertThatThrownBy(() -> registry.create(
                        json.readTree("{\"redirect_uris\":[\"https://a.example.test/cb#x\"]}"), "api", id -> {}))
                .isInstanceOf(ApiException.class);

        assertThat(r.all()).isEmpty();
        assertThat(JdbcClient.create(ds)
                        .sql("select count(*) from oidc_client")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
