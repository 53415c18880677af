package io.wegate.server.oidc;

import io.wegate.server.token.TokenService;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * One token service: introspection and revocation answer for the API flows' tokens as for the
 * OIDC clients' ({@link ApiTokenIntrospection}, {@link ApiTokenRevocation}, before the
 * authorization server's own providers), and refuse a request without client credentials with
 * {@code 401 invalid_client} ({@link ClientCredentialsRequired}).
 */
final class OidcTokenEndpoints {

    private OidcTokenEndpoints() {}

    static void configure(OAuth2AuthorizationServerConfigurer server, ApplicationContext context) {
        TokenService tokens = context.getBean(TokenService.class);
        AuthorizationServerSettings settings = context.getBean(AuthorizationServerSettings.class);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        server.tokenIntrospectionEndpoint(i -> i.authenticationProvider(new ApiTokenIntrospection(tokens)))
                .tokenRevocationEndpoint(r -> r.authenticationProvider(new ApiTokenRevocation(tokens)))
                .clientAuthentication(c -> c.authenticationConverter(new ClientCredentialsRequired(new OrRequestMatcher(
                        paths.matcher(HttpMethod.POST, settings.getTokenIntrospectionEndpoint()),
                        paths.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint())))));
    }
}
