package io.wegate.server.oidc;

import java.time.Duration;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** The token lifetimes every client gets (from {@code wegate.token.*}). */
record OidcClientDefaults(Duration accessTokenTtl, Duration loginTtl) {

    OidcClientDefaults {
        if (accessTokenTtl == null || loginTtl == null) {
            throw new IllegalArgumentException("accessTokenTtl and loginTtl are required");
        }
    }

    TokenSettings tokenSettings(String idTokenAlg) {
        return OidcClients.tokenSettings(accessTokenTtl, loginTtl, idTokenAlg);
    }
}
