package io.wegate.server.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.wegate.server.WegateProperties;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.BrowserSessions;
import io.wegate.server.token.SigningKeys;
import io.wegate.server.token.TokenProperties;
import io.wegate.server.token.TokenService;
import io.wegate.server.upstream.LoginApps;
import io.wegate.server.web.ErrorResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
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
            HttpSecurity http, BrowserSessions sessions, ErrorResponses errors, RegisteredClientRepository clients)
            throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(
                        server,
                        s -> s.oidc(o -> o.providerConfigurationEndpoint(
                                p -> p.providerConfigurationCustomizer(c -> c.idTokenSigningAlgorithms(algorithms -> {
                                    // RS256 (every provider must offer it) by default, ES256 per client
                                    algorithms.clear();
                                    algorithms.add("RS256");
                                    algorithms.add("ES256");
                                })))))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterAfter(new OidcSessionAuthenticationFilter(sessions), SecurityContextHolderFilter.class)
                // the browser's wegate session is the person; Spring Security keeps nothing of its own
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // wegate's login starts a fresh session already (no fixation to protect against); changing
                // its id again at every authorization request would only churn the browser's cookie
                .sessionManagement(s ->
                        s.sessionCreationPolicy(SessionCreationPolicy.NEVER).sessionFixation(f -> f.none()))
                .requestCache(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(new OidcLoginEntryPoint(clients)))
                // UserInfo takes the access tokens this server issues (wegate's own JwtDecoder)
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(
                                (req, res, ex) -> errors.write(req, res, new ApiException(GatewayError.UNAUTHORIZED))));
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(
            OidcProperties properties, LoginApps apps, TokenProperties tokens) {
        return new ConfiguredClientRepository(
                OidcClients.of(properties, apps.sandbox(), tokens.accessTokenTtl(), tokens.refreshTokenTtl()));
    }

    @Bean
    OAuth2AuthorizationService oauth2AuthorizationService(TokenService tokenService, TokenProperties tokens) {
        return new OidcAuthorizations(new InMemoryOAuth2AuthorizationService(), tokenService, tokens.refreshTokenTtl());
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

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> wegateTokenClaims(TokenProperties tokens) {
        return new OidcTokenClaims(tokens);
    }
}
