package io.wegate.server.oidc;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * An RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 section 2) as the endpoint
 * received it and, once {@link RpLogoutVerifier} checked it, what it may do: which client asked (the
 * one the {@code id_token_hint} was issued to), which login the hint names ({@code sid}) and for whom
 * ({@code sub}), and whether {@code post_logout_redirect_uri} is one of the client's own.
 */
final class RpLogoutRequest extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    final String idTokenHint;
    final String clientId;
    final String postLogoutRedirectUri;
    final String state;
    /** A POST from wegate's own confirmation page with its anti-CSRF token. */
    final String confirmation;

    // set once verified
    final transient RegisteredClient client;
    final String hintLoginId;
    final String hintSubject;

    RpLogoutRequest(
            String idTokenHint, String clientId, String postLogoutRedirectUri, String state, String confirmation) {
        this(idTokenHint, clientId, postLogoutRedirectUri, state, confirmation, null, null, null);
    }

    private RpLogoutRequest(
            String idTokenHint,
            String clientId,
            String postLogoutRedirectUri,
            String state,
            String confirmation,
            RegisteredClient client,
            String hintLoginId,
            String hintSubject) {
        super(List.of());
        this.idTokenHint = idTokenHint;
        this.clientId = clientId;
        this.postLogoutRedirectUri = postLogoutRedirectUri;
        this.state = state;
        this.confirmation = confirmation;
        this.client = client;
        this.hintLoginId = hintLoginId;
        this.hintSubject = hintSubject;
    }

    /** This request, verified: its client (may be null without hint and client_id) and the hint's login. */
    RpLogoutRequest verified(RegisteredClient client, String hintLoginId, String hintSubject) {
        RpLogoutRequest v = new RpLogoutRequest(
                idTokenHint, clientId, postLogoutRedirectUri, state, confirmation, client, hintLoginId, hintSubject);
        v.setAuthenticated(true);
        return v;
    }

    boolean hasHint() {
        return idTokenHint != null;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return hintSubject == null ? "" : hintSubject;
    }
}
