package io.wegate.server.site;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.JwtTokens;
import io.wegate.server.web.ErrorResponses;
import io.wegate.server.web.PublicBaseUrl;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;

/**
 * Two filter chains. The operator chain covers the actuator: {@code /actuator/health} is public but shows its
 * status only, everything else there (health details, info, prometheus, upstreamquota) needs the operator's HTTP
 * Basic credentials ({@code wegate.management.*}). The application chain: Bearer JWTs protect {@code /api/v1/me};
 * everything else is public or checks its own credentials (state, refresh token, session). CSRF tokens are off:
 * the API authenticates with bodies and Bearer headers, not cookies, and the one cookie-authenticated POST demands
 * a custom header.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final long HSTS_MAX_AGE_SECONDS = 365L * 24 * 60 * 60;

    /**
     * The login calls and the refresh of the API flows: public, checking their own credentials (state, code, refresh
     * token), with a Bearer token on none of them (a link ticket's token is checked by the login itself). Their own
     * short chain, first, so that the hottest calls of wegate skip the matching of every other chain and the filters
     * they have no use for; the response headers are the same as everywhere. The mini program's phone call takes a
     * Bearer token and stays with the default chain.
     */
    static final String[] LOGIN_API_PATHS = {
        "/api/v1/login/wecom",
        "/api/v1/login/wecom/authorize-url",
        "/api/v1/login/wecom-miniprogram",
        "/api/v1/login/wechat-miniprogram",
        "/api/v1/token/refresh",
        // WeCom's and WeChat's callback receivers: authenticated by their signatures, not by a session or a CSRF token
        "/callbacks/**"
    };

    @Bean
    @Order(-1)
    SecurityFilterChain loginApiFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(LOGIN_API_PATHS)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain operatorFilterChain(HttpSecurity http, ErrorResponses errors, ManagementProperties management)
            throws Exception {
        AuthenticationEntryPoint basic = (req, res, ex) -> {
            res.setHeader("WWW-Authenticate", "Basic realm=\"wegate operator\", charset=\"UTF-8\"");
            errors.write(req, res, new ApiException(GatewayError.OPERATOR_UNAUTHORIZED));
        };
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                // health answers everyone; Boot shows its details and components to an authenticated operator
                // only (management.endpoint.health.show-details: when-authorized)
                .authorizeHttpRequests(a -> a.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .authenticationManager(OperatorCredentials.authenticationManager(management))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .exceptionHandling(e -> e.authenticationEntryPoint(basic))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, ErrorResponses errors) throws Exception {
        String[] bearerPaths = {"/api/v1/me", "/api/v1/me/**", "/api/v1/login/wechat-miniprogram/phone"};
        org.springframework.security.web.util.matcher.RequestMatcher bearerRoutes =
                new org.springframework.security.web.util.matcher.OrRequestMatcher(java.util.Arrays.stream(bearerPaths)
                        .map(
                                p -> (org.springframework.security.web.util.matcher.RequestMatcher) org.springframework
                                        .security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults()
                                        .matcher(p))
                        .toList());
        var bearer = new org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver();
        http.authorizeHttpRequests(a -> a.requestMatchers(bearerPaths)
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        // only the routes that need a Bearer token read it: a stale header on a login
                        // call (which checks a link ticket's token itself) is not a 401
                        .bearerTokenResolver(req -> bearerRoutes.matches(req) ? bearer.resolve(req) : null)
                        .authenticationEntryPoint(
                                (req, res, ex) -> errors.write(req, res, new ApiException(GatewayError.UNAUTHORIZED))))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        (req, res, ex) -> errors.write(req, res, new ApiException(GatewayError.UNAUTHORIZED))))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    /**
     * With {@code management.observations.enable.spring.security=false} (wegate's default) Boot only turns Spring
     * Security's observations into no-ops, still made for every filter of every request; this leaves the wrapping
     * out altogether.
     */
    @Bean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    private static void headers(HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
                                + " frame-ancestors 'none'"))
                // written for every response by strictTransportSecurity() below, chains or not
                .httpStrictTransportSecurity(hsts -> hsts.disable());
    }

    /**
     * HSTS on every response when {@code wegate.public-base-url} is https, whatever the request came in on: behind a
     * proxy that terminates TLS, wegate sees plain HTTP, and Spring Security's default writes HSTS on secure requests
     * only. Registered as the first servlet filter rather than in the chains, so that answers given before them (a
     * malformed query string, a body too large) carry it too. None on an http public base (development, or a
     * deployment without TLS), where it would have browsers refuse the only way in.
     */
    @Bean
    FilterRegistrationBean<HeaderWriterFilter> strictTransportSecurity(PublicBaseUrl publicBaseUrl) {
        HstsHeaderWriter hsts = new HstsHeaderWriter();
        hsts.setRequestMatcher(request -> publicBaseUrl.isHttps());
        hsts.setMaxAgeInSeconds(HSTS_MAX_AGE_SECONDS);
        hsts.setIncludeSubDomains(true);
        FilterRegistrationBean<HeaderWriterFilter> registration =
                new FilterRegistrationBean<>(new HeaderWriterFilter(List.of(hsts)));
        registration.setName("strictTransportSecurity");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * The firewall's refusals (an encoded CR/LF, {@code ..}, {@code //} or {@code ;} in the path) in wegate's words
     * and in one log line, instead of a bare 400 that Boot's error controller would answer.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ErrorResponses errors) {
        return (req, res, ex) ->
                errors.write(req, res, new ApiException(GatewayError.INVALID_REQUEST, "the URL path is not allowed"));
    }

    /**
     * wegate's tokens, and the authorization server's access tokens ({@code client_id} claim) only
     * while their authorization holds them active: revoked (RFC 7009), or revoked with the code they
     * came from (a replayed code) or with the login (refresh-token reuse), they stop working here
     * too, as at UserInfo and introspection.
     */
    @Bean
    JwtDecoder jwtDecoder(
            JwtTokens tokens,
            org.springframework.beans.factory.ObjectProvider<
                            org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService>
                    authorizations) {
        JwtDecoder decoder = tokens.decoder();
        return token -> {
            org.springframework.security.oauth2.jwt.Jwt jwt = decoder.decode(token);
            var service = authorizations.getIfAvailable();
            if (service != null && jwt.hasClaim("client_id")) {
                var authorization = service.findByToken(
                        token, org.springframework.security.oauth2.server.authorization.OAuth2TokenType.ACCESS_TOKEN);
                if (authorization == null
                        || authorization.getAccessToken() == null
                        || !token.equals(
                                authorization.getAccessToken().getToken().getTokenValue())
                        // expiry is the decoder's, on wegate's clock; here: revoked or replaced
                        || authorization.getAccessToken().isInvalidated()) {
                    throw new org.springframework.security.oauth2.jwt.BadJwtException(
                            "the access token is no longer active");
                }
            }
            return jwt;
        };
    }
}
