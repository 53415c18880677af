package io.wegate.server.oidc;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The name a page shows for a client: its registered {@code wegate.client-name}, else its client_id. */
final class OidcClientNames {

    static final String SETTING = "wegate.client-name";

    private OidcClientNames() {}

    static String of(RegisteredClient client) {
        Object name = client.getClientSettings().getSetting(SETTING);
        return name instanceof String s && !s.isBlank() ? s : client.getClientId();
    }
}
