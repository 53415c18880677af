package io.wegate.server.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.wegate.server.WegateProperties;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.login.RateLimitBuckets;
import io.wegate.server.login.UsedStates;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.SigningKeys;
import io.wegate.server.token.TokenProperties;
import io.wegate.server.token.TokenService;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.web.ErrorResponses;
import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * wegate as an OpenID Connect provider, on Spring Security's authorization server: discovery,
 * {@code /oauth2/authorize} (the login step is wegate's own login), {@code /oauth2/token},
 * UserInfo, revocation, introspection and the JWKS, signed with wegate's keys (ES256 access tokens,
 * RS256 or ES256 ID tokens).
 */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain oidcSecurityFilterChain(
            HttpSecurity http,
            BrowserSessions sessions,
            ErrorResponses errors,
            RegisteredClientRepository clients,
            // h-claims: claims per scope, consent, prompt=login / max_age (OidcClaimsConfiguration)
            OidcUserClaims userClaims,
            FreshLogin fresh,
            OAuth2AuthorizationService authorizations,
            org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService consents,
            TokenService tokens,
            JWKSource<SecurityContext> keys,
            RateLimitBuckets buckets,
            UsedStates used,
            Clock clock,
            Environment env)
            throws Exception {
        OidcFlows flows = new OidcFlows(
                clients,
                authorizations,
                sessions,
                tokens,
                keys,
                buckets,
                clock,
                env.getProperty("wegate.oidc.device.wrong-user-codes-per-minute", Long.class, 10L));
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        OidcTokenEndpoints.configure(server, http.getSharedObject(ApplicationContext.class)); // h-tokens: API tokens
        OidcClaimsConfiguration.configure(server, userClaims, consents, clients, clock); // h-claims
        http.securityMatcher(server.getEndpointsMatcher())
                .with(
                        server,
                        s -> s.clientAuthentication(c ->
                                        OidcClientAuthentication.configure(c, new ClientAssertionDecoders(used, clock)))
                                .authorizationEndpoint(a -> a.errorResponseHandler(new OidcAuthorizationErrors()))
                                .authorizationServerMetadataEndpoint(
                                        m -> m.authorizationServerMetadataCustomizer(OidcDiscovery::oauth2Metadata))
                                .oidc(o -> o.providerConfigurationEndpoint(p -> p.providerConfigurationCustomizer(c -> {
                                            OidcDiscovery.openidConfiguration(c);
                                            // h-claims: scopes, claims, subject types
                                            c.claims(OidcScopes::discovery);
                                        }))
                                        .logoutEndpoint(flows::logout))
                                .tokenEndpoint(flows::tokenEndpoint)
                                .deviceAuthorizationEndpoint(flows::deviceAuthorization)
                                .deviceVerificationEndpoint(flows::deviceVerification)
                                .pushedAuthorizationRequestEndpoint(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // a database away or out of connections: 503 in wegate's words (the endpoints are filters)
                .addFilterBefore(new OidcDatabaseUnavailable(errors), SecurityContextHolderFilter.class)
                .addFilterAfter(
                        new OidcSessionAuthenticationFilter(sessions, fresh, authorizations, clients),
                        SecurityContextHolderFilter.class)
                // the browser's wegate session is the person; Spring Security keeps nothing of its own
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // wegate's login starts a fresh session already (no fixation to protect against); changing
                // its id again at every authorization request would only churn the browser's cookie
                .sessionManagement(s ->
                        s.sessionCreationPolicy(SessionCreationPolicy.NEVER).sessionFixation(f -> f.none()))
                .requestCache(c -> c.disable())
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(new OidcUnauthorized(new OidcLoginEntryPoint(clients, fresh))))
                // UserInfo takes the access tokens this server issues (wegate's own JwtDecoder)
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(
                                (req, res, ex) -> errors.write(req, res, new ApiException(GatewayError.UNAUTHORIZED))));
        return http.build();
    }

    /**
     * The clients in the database (cached for at most {@link JdbcClientRepository#TTL}); those of
     * the configuration are written into it first.
     */
    @Bean
    JdbcClientRepository registeredClientRepository(
            OidcProperties properties,
            LoginApps apps,
            TokenProperties tokens,
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            java.time.Clock clock) {
        JdbcClientRepository repository =
                new JdbcClientRepository(jdbc, clock, tokens.accessTokenTtl(), tokens.refreshTokenTtl());
        repository.syncConfiguration(
                OidcClients.of(properties, apps.sandbox(), tokens.accessTokenTtl(), tokens.refreshTokenTtl()));
        return repository;
    }

    @Bean
    OidcClientRegistry oidcClientRegistry(
            JdbcClientRepository clients,
            TokenProperties tokens,
            LoginApps apps,
            org.springframework.transaction.support.TransactionTemplate tx,
            java.time.Clock clock) {
        return new OidcClientRegistry(
                clients,
                new OidcClientDefaults(tokens.accessTokenTtl(), tokens.refreshTokenTtl()),
                OidcClientRestrictions.Logins.of(apps),
                tx,
                clock);
    }

    /**
     * The encoder the authorization server checks client secrets with (it takes the context's
     * PasswordEncoder): {@code {sha256}} for the secrets wegate generates, Spring Security's formats
     * for configured ones; see {@link ClientSecrets}.
     */
    @Bean
    org.springframework.security.crypto.password.PasswordEncoder clientSecretEncoder() {
        return ClientSecrets.encoder();
    }

    @Bean
    OAuth2AuthorizationService oauth2AuthorizationService(
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            RegisteredClientRepository clients,
            TokenService tokenService,
            org.springframework.transaction.support.TransactionTemplate tx,
            java.time.Clock clock) {
        // codes expire by wegate's clock (Spring's code check reads the system clock)
        return new OidcCodeExpiry(new OidcAuthorizations(jdbc, clients, tokenService, tx, clock), clock);
    }

    /**
     * The same keys as wegate's own tokens and {@code /.well-known/jwks.json}: signing gets the
     * active key of the algorithm only, {@code /oauth2/jwks} every published public key.
     */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return keys.jwkSource();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(WegateProperties wegate, TokenProperties tokens) {
        AuthorizationServerSettings.Builder b = AuthorizationServerSettings.builder();
        // without a configured public URL the issuer is the URL the request came to (development)
        String issuer = tokens.issuer() != null
                ? tokens.issuer()
                : wegate.publicBaseUrl() == null
                        ? null
                        : wegate.publicBaseUrl().toString().replaceAll("/$", "");
        if (issuer != null) {
            b.issuer(issuer);
        }
        return b.build();
    }

    /**
     * The authorization server keeps the sessions it saw in a session registry (for {@code sid} and
     * logout); without session events its entries would outlive the sessions.
     */
    @Bean
    org.springframework.security.web.session.HttpSessionEventPublisher httpSessionEventPublisher() {
        return new org.springframework.security.web.session.HttpSessionEventPublisher();
    }

    /** Access, ID and refresh tokens on wegate's clock, with wegate's claims ({@link OidcTokenClaims}). */
    @Bean
    org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator<
                    org.springframework.security.oauth2.core.OAuth2Token>
            oauth2TokenGenerator(
                    JWKSource<SecurityContext> jwkSource,
                    OAuth2TokenCustomizer<JwtEncodingContext> wegateTokenClaims,
                    Clock clock) {
        return OidcTokenGenerators.tokens(jwkSource, wegateTokenClaims, clock);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> wegateTokenClaims(
            TokenProperties tokens,
            OidcUserClaims userClaims,
            org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService consents) {
        return new OidcTokenClaims(tokens, userClaims, consents);
    }
}
