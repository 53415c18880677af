package io.wegate.server.oidc;

import io.wegate.server.account.AccountStore;
import io.wegate.server.login.ServerSecrets;
import io.wegate.server.token.PairwiseSubjects;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claims, subjects, consent and fresh logins of the OpenID Connect provider: the claims per scope
 * ({@link OidcUserClaims}) in ID tokens and UserInfo, pairwise subjects ({@link PairwiseSubjects}),
 * consent remembered in the database ({@code oauth2_authorization_consent}) and shown by
 * {@link ConsentPageController}, {@code prompt=login} and {@code max_age} ({@link FreshLogin}).
 * {@link #configure} is what the OIDC filter chain calls to put them into the authorization server.
 */
@Configuration(proxyBeanMethods = false)
class OidcClaimsConfiguration {

    static final String CONSENT_PAGE = "/oauth2/consent";

    @Bean
    PairwiseSubjects pairwiseSubjects(ServerSecrets secrets) {
        return new PairwiseSubjects(() -> secrets.get("oidc-pairwise-subject"));
    }

    @Bean
    OidcUserClaims oidcUserClaims(AccountStore accounts, PairwiseSubjects pairwise, JsonMapper json) {
        return new OidcUserClaims(accounts, pairwise, json);
    }

    @Bean
    FreshLogin oidcFreshLogin(ServerSecrets secrets, Clock clock) {
        return new FreshLogin(() -> secrets.get("oidc-fresh-login"), clock);
    }

    /** Consent per account and client, in the database (Flyway V5); the authorization server uses this bean. */
    @Bean
    OAuth2AuthorizationConsentService oauth2AuthorizationConsentService(
            JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /**
     * The authorization server's consent page and consent rule, and UserInfo's claims. One call in the
     * OIDC filter chain.
     */
    static void configure(
            OAuth2AuthorizationServerConfigurer server,
            OidcUserClaims claims,
            OAuth2AuthorizationConsentService consents,
            RegisteredClientRepository clients,
            java.time.Clock clock) {
        server.authorizationEndpoint(a -> a.consentPage(CONSENT_PAGE).authenticationProviders(providers -> {
            for (var p : providers) {
                if (p instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider code) {
                    code.setAuthorizationConsentRequired(OidcClaimsConfiguration::consentRequired);
                    // codes on wegate's clock, as everything else that expires
                    code.setAuthorizationCodeGenerator(OidcTokenGenerators.codes(clock));
                }
            }
        }));
        server.oidc(o -> o.userInfoEndpoint(u -> u.userInfoMapper(c -> userInfo(c, claims, consents, clients))));
    }

    /**
     * Consent is asked of clients that are not first-party (requireAuthorizationConsent) whenever the
     * remembered consent does not cover every requested scope ({@code openid} alone included: the
     * client learns who the person is), and of any client that sends {@code prompt=consent}.
     */
    static boolean consentRequired(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        var request = context.getAuthorizationRequest();
        Object prompt = request.getAdditionalParameters().get("prompt");
        if (prompt instanceof String p && Arrays.asList(p.split(" ")).contains("consent")) {
            return true;
        }
        if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
            return false;
        }
        var consent = context.getAuthorizationConsent();
        return consent == null || !consent.getScopes().containsAll(request.getScopes());
    }

    private static OidcUserInfo userInfo(
            OidcUserInfoAuthenticationContext context,
            OidcUserClaims claims,
            OAuth2AuthorizationConsentService consents,
            RegisteredClientRepository clients) {
        OAuth2Authorization authorization = context.getAuthorization();
        RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
        if (client == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
        }
        String accountId = authorization.getAttribute(Principal.class.getName()) instanceof OidcLoginAuthentication p
                ? p.getName()
                : authorization.getPrincipalName();
        if (client.getClientSettings().isRequireAuthorizationConsent()
                && consents.findById(client.getId(), accountId) == null) {
            // the person revoked this client's consent: its tokens give nothing any more
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "the consent for this client was revoked", null));
        }
        Set<String> scopes = context.getAccessToken().getScopes();
        return new OidcUserInfo(claims.userInfo(accountId, client, scopes));
    }
}
