package io.wegate.server.site;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.JwtTokens;
import io.wegate.server.web.ErrorResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Bearer JWTs protect {@code /api/v1/me}; everything else is public or checks its own credentials
 * (state, refresh token, session). CSRF tokens are off: the API authenticates with bodies and Bearer
 * headers, not cookies, and the one cookie-authenticated POST demands a custom header.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ErrorResponses errors) throws Exception {
        http.authorizeHttpRequests(
                        a -> a.requestMatchers("/api/v1/me", "/api/v1/me/**", "/api/v1/login/wechat-miniprogram/phone")
                                .authenticated()
                                .anyRequest()
                                .permitAll())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(
                                (req, res, ex) -> errors.write(req, res, new ApiException(GatewayError.UNAUTHORIZED))))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        (req, res, ex) -> errors.write(req, res, new ApiException(GatewayError.UNAUTHORIZED))))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
                                + " frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(JwtTokens tokens) {
        return tokens.decoder();
    }
}
