package io.wegate.server.admin;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API's filter chain: {@code /api/v1/admin/**} takes only the admin token; without
 * {@code wegate.admin.token} it does not exist (404). Stateless, no cookies, no CSRF surface.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    static final String PATH = "/api/v1/admin/**";

    @Bean
    @Order(1)
    SecurityFilterChain adminFilterChain(HttpSecurity http, AdminProperties properties, ErrorResponses errors)
            throws Exception {
        AdminCredential credential = new AdminCredential(properties);
        http.securityMatcher(PATH)
                .addFilterBefore(
                        new AdminTokenFilter(properties, credential, errors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole("ADMIN"))
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        (req, res, ex) -> errors.write(req, res, new ApiException(GatewayError.ADMIN_UNAUTHORIZED))))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    private static final class AdminTokenFilter extends OncePerRequestFilter {

        private final AdminProperties properties;
        private final AdminCredential credential;
        private final ErrorResponses errors;

        AdminTokenFilter(AdminProperties properties, AdminCredential credential, ErrorResponses errors) {
            this.properties = properties;
            this.credential = credential;
            this.errors = errors;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!properties.enabled()) {
                errors.write(request, response, new ApiException(GatewayError.NOT_FOUND));
                return;
            }
            if (credential.matches(request)) {
                SecurityContextHolder.getContext()
                        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            }
            chain.doFilter(request, response);
        }
    }
}
