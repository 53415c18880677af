package io.wegate.server.oidc;

import io.wegate.server.token.Login;
import io.wegate.server.token.TokenProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What wegate puts in the authorization server's tokens: access tokens ES256 with wegate's signing
 * key (ID tokens as the client registered, RS256 by default), and the
 * login behind them — {@code sid}, {@code amr} (upstream and flow), {@code acr}, {@code auth_time},
 * {@code app} — as in every other wegate token; {@code sub} is the account id or, for a client
 * registered with {@code wegate.subject-type = pairwise}, its pairwise subject; ID tokens carry the
 * {@code profile} and {@code email} claims of the granted scopes ({@link OidcUserClaims}). A refresh
 * of a client whose consent the person revoked is {@code invalid_grant}. Access tokens are also for wegate itself
 * ({@code aud} includes {@code wegate.token.audience}), so UserInfo and {@code /api/v1/me} take them.
 */
final class OidcTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final TokenProperties tokens;
    private final OidcUserClaims users;
    private final OAuth2AuthorizationConsentService consents;

    OidcTokenClaims(TokenProperties tokens, OidcUserClaims users, OAuth2AuthorizationConsentService consents) {
        this.tokens = tokens;
        this.users = java.util.Objects.requireNonNull(users, "users must not be null");
        this.consents = java.util.Objects.requireNonNull(consents, "consents must not be null");
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean idToken =
                OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        if (!idToken) {
            // access tokens are wegate's own: ES256 with its key; ID tokens follow the client's
            // id_token_signed_response_alg (RS256 by default)
            context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
        }
        if (!(context.getPrincipal() instanceof OidcLoginAuthentication person)) {
            return;
        }
        Login login = person.login();
        if (!idToken && !accessToken) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                && client.getClientSettings().isRequireAuthorizationConsent()
                && consents.findById(client.getId(), person.getName()) == null) {
            // the person revoked this client's consent: its refresh tokens end with it
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "the consent for this client was revoked", null));
        }
        // the account id, or (wegate.subject-type = pairwise) this client's own subject for it
        context.getClaims().subject(users.subject(person.getName(), client));
        if (idToken) {
            users.idTokenClaims(person.getName(), client, context.getAuthorizedScopes())
                    .forEach(context.getClaims()::claim);
        }
        context.getClaims()
                .claim("sid", login.id())
                .claim("amr", List.of(login.method().upstream(), login.method().flow()))
                .claim(
                        "acr",
                        "urn:wegate:" + login.method().upstream() + ":"
                                + login.method().flow())
                // a Date, as the authorization server reads it back from the ID token on refresh
                .claim("auth_time", java.util.Date.from(login.authenticatedAt()))
                .claim("app", login.method().appId());
        if (accessToken) {
            // no nbf (optional, RFC 9068): the authorization server would compare it with the system
            // time, wegate checks iat and exp against its own clock
            context.getClaims().claims(c -> c.remove("nbf"));
            List<String> audience =
                    new ArrayList<>(List.of(context.getRegisteredClient().getClientId()));
            audience.add(tokens.audience());
            context.getClaims().audience(audience);
            context.getClaims()
                    .claim(
                            OAuth2ParameterNames.CLIENT_ID,
                            context.getRegisteredClient().getClientId());
        }
    }
}
