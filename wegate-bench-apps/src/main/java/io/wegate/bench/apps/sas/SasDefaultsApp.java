package io.wegate.bench.apps.sas;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Authorization Server as its reference documentation's "Getting Started" sets it up — the
 * authorization server chain with OpenID Connect, form login for the person, a confidential client
 * with {@code client_secret_basic}, one generated RSA key — so the bench can put wegate's token
 * endpoint beside the framework's own defaults. {@code bench.sas.store=memory} (the documented
 * default, {@code InMemoryOAuth2AuthorizationService}) or {@code jdbc} (its
 * {@code JdbcOAuth2AuthorizationService} with the schema it ships, on the configured data source).
 *
 * <p>The client mirrors wegate's sandbox demo client: {@code wegate-demo} / {@code wegate-demo-secret}, redirect
 * {@code http://localhost:8090/login/oauth2/code/wegate}, scopes {@code openid profile}, no consent, non-reused
 * refresh tokens (rotation, as wegate does). The person is {@code bench} / {@code bench}.
 */
@SpringBootApplication
public class SasDefaultsApp {

    public static void main(String[] args) {
        // bench.sas.accp=true: the same native provider wegate uses (wegate.crypto.provider=auto), to tell
        // how much of a difference is cryptography and how much the rest
        if (java.util.Arrays.asList(args).contains("--bench.sas.accp=true")) {
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.install();
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        }
        SpringApplication.run(SasDefaultsApp.class, args);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(org.springframework.http.MediaType.TEXT_HTML)))
                .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
        return http.build();
    }

    /**
     * {@code bench.sas.keep-client-secret-encoding=true}: the one tuning of this contender. By default the
     * authorization server "upgrades" a {@code {noop}} client secret to bcrypt at its first use, so every later
     * client authentication costs a bcrypt check (tens of milliseconds of CPU); with this the secret keeps the
     * encoding it was registered with, as wegate keeps its {@code {sha256}} hashes.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = "bench.sas.keep-client-secret-encoding",
            havingValue = "true")
    org.springframework.security.crypto.password.PasswordEncoder clientSecretEncoder() {
        org.springframework.security.crypto.password.PasswordEncoder delegate =
                org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new org.springframework.security.crypto.password.PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return delegate.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return delegate.matches(raw, encoded);
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return false;
            }
        };
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("bench").password("{noop}bench").roles("USER").build());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository() {
        RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("wegate-demo")
                .clientSecret("{noop}wegate-demo-secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri("http://localhost:8090/login/oauth2/code/wegate")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build())
                .build();
        return new InMemoryRegisteredClientRepository(client);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(
            @Value("${bench.sas.store:memory}") String store,
            org.springframework.beans.factory.ObjectProvider<DataSource> dataSource,
            RegisteredClientRepository clients)
            throws java.io.IOException {
        if (store.equals("memory")) {
            return new InMemoryOAuth2AuthorizationService();
        }
        if (!store.equals("jdbc")) {
            throw new IllegalArgumentException("bench.sas.store must be memory or jdbc, not " + store);
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource.getObject());
        String schema = new ClassPathResource(
                        "org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql")
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        // the schema is written for H2/HSQL (blob); the reference documentation says text on PostgreSQL
        if (jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName())
                .toLowerCase(java.util.Locale.ROOT)
                .contains("postgres")) {
            schema = schema.replace(" blob ", " text ").replace(" blob,", " text,");
        }
        jdbc.execute("drop table if exists oauth2_authorization");
        jdbc.execute(schema);
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() throws java.security.NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }
}
