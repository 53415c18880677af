package io.wegate.server.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * Checks an RP-initiated logout request before anything is ended or any redirect is sent:
 *
 * <ul>
 *   <li>{@code id_token_hint}, when given, must be an ID token of this provider: signed with one of
 *       wegate's keys (RS256 or ES256), issued by this issuer, for a registered client (its
 *       {@code aud}; {@code client_id}, when given too, must be that client). An expired one is fine:
 *       logging out is what a relying party does with an old ID token.
 *   <li>{@code post_logout_redirect_uri}, when given, must be exactly one of the client's
 *       registered post-logout redirect URIs, the client being the hint's or, without a hint,
 *       {@code client_id}'s; without a verifiable client there is no redirect at all.
 * </ul>
 *
 * Anything else is refused with an error page, never a redirect ({@link RpLogoutResponses}).
 */
final class RpLogoutVerifier implements AuthenticationProvider {

    private final RegisteredClientRepository clients;
    private final DefaultJWTProcessor<SecurityContext> idTokens = new DefaultJWTProcessor<>();

    RpLogoutVerifier(RegisteredClientRepository clients, JWKSource<SecurityContext> keys) {
        if (clients == null || keys == null) {
            throw new IllegalArgumentException("the client repository and the keys must not be null");
        }
        this.clients = clients;
        idTokens.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
        // expiry is deliberately not checked; the issuer and audience are, below
        idTokens.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        RpLogoutRequest r = (RpLogoutRequest) authentication;
        RegisteredClient client = null;
        String loginId = null;
        String subject = null;
        if (r.hasHint()) {
            JWTClaimsSet hint = verifiedHint(r.idTokenHint);
            List<String> audience = hint.getAudience();
            String clientId = r.clientId != null ? r.clientId : audience.size() == 1 ? audience.get(0) : azp(hint);
            client = clientId == null || !audience.contains(clientId) ? null : clients.findByClientId(clientId);
            if (client == null) {
                throw new RpLogoutException(
                        "invalid_request",
                        "id_token_hint 不是签发给该应用的 ID 令牌",
                        "The id_token_hint was not issued to this client");
            }
            loginId = stringClaim(hint, "sid");
            subject = hint.getSubject();
        } else if (r.clientId != null) {
            client = clients.findByClientId(r.clientId);
            if (client == null) {
                throw RpLogoutException.invalidRequest("未知的应用（client_id）", "Unknown client_id");
            }
        }
        if (r.postLogoutRedirectUri != null) {
            if (client == null) {
                throw RpLogoutException.invalidRequest(
                        "没有 id_token_hint 或 client_id，无法核实 post_logout_redirect_uri",
                        "post_logout_redirect_uri needs an id_token_hint or a client_id to be checked against");
            }
            if (!client.getPostLogoutRedirectUris().contains(r.postLogoutRedirectUri)) {
                throw RpLogoutException.invalidRequest(
                        "post_logout_redirect_uri 不是该应用登记的退出后跳转地址",
                        "post_logout_redirect_uri is not one the client registered");
            }
        }
        return r.verified(client, loginId, subject);
    }

    private JWTClaimsSet verifiedHint(String hint) {
        JWTClaimsSet claims;
        try {
            claims = idTokens.process(hint, null);
        } catch (Exception e) {
            throw invalidHint();
        }
        String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
        if (!issuer.equals(claims.getIssuer())
                || claims.getSubject() == null
                || claims.getAudience() == null
                || claims.getAudience().isEmpty()) {
            throw invalidHint();
        }
        return claims;
    }

    private static RpLogoutException invalidHint() {
        return new RpLogoutException(
                "invalid_request",
                "id_token_hint 不是本服务签发的有效 ID 令牌",
                "The id_token_hint is not a valid ID token of this provider");
    }

    private static String azp(JWTClaimsSet claims) {
        return stringClaim(claims, "azp");
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return RpLogoutRequest.class.isAssignableFrom(authentication);
    }
}
