package io.wegate.server.oidc;

import io.wegate.server.token.TokenService;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;

/**
 * One token service: introspection and revocation answer for the API flows' tokens as for the
 * OIDC clients' ({@link ApiTokenIntrospection}, {@link ApiTokenRevocation}, before the
 * authorization server's own providers). A request without client credentials is answered
 * {@code 401 invalid_client} by the chain's entry point ({@link OidcUnauthorized}).
 */
final class OidcTokenEndpoints {

    private OidcTokenEndpoints() {}

    static void configure(OAuth2AuthorizationServerConfigurer server, ApplicationContext context) {
        TokenService tokens = context.getBean(TokenService.class);
        server.tokenIntrospectionEndpoint(i -> i.authenticationProvider(new ApiTokenIntrospection(tokens)))
                .tokenRevocationEndpoint(r -> r.authenticationProvider(new ApiTokenRevocation(tokens)));
    }
}
