package io.wegate.server.oidc;

import io.wegate.server.token.Login;
import io.wegate.server.token.TokenProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What wegate puts in the authorization server's tokens: access tokens ES256 with wegate's signing
 * key (ID tokens as the client registered, RS256 by default), and the
 * login behind them — {@code sid}, {@code amr} (upstream and flow), {@code acr}, {@code auth_time},
 * {@code app} — as in every other wegate token. Access tokens are also for wegate itself
 * ({@code aud} includes {@code wegate.token.audience}), so UserInfo and {@code /api/v1/me} take them.
 */
final class OidcTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final TokenProperties tokens;

    OidcTokenClaims(TokenProperties tokens) {
        this.tokens = tokens;
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
