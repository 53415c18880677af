package io.wegate.server.oidc;

import io.wegate.server.token.Login;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A wegate browser session as Spring Security sees it: the person (the wegate account id, which
 * becomes {@code sub}) and how and when they logged in (the {@link Login}), so that the
 * authorization server, {@code max_age} and {@code auth_time} work with wegate's own login.
 */
final class OidcLoginAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String accountId;
    private final Login login;

    OidcLoginAuthentication(Login login) {
        // the factor's time is the login's: the authorization server reads auth_time from it
        super(List.of(
                new SimpleGrantedAuthority("ROLE_USER"),
                FactorGrantedAuthority.withFactor(login.method().upstream())
                        .issuedAt(login.authenticatedAt())
                        .build()));
        this.accountId = login.accountId();
        this.login = login;
        setAuthenticated(true);
    }

    Login login() {
        return login;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return accountId;
    }

    @Override
    public String getName() {
        return accountId;
    }
}
