package io.wegate.server.oidc;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The relying parties that hold an authorization under a wegate login (table {@code oidc_authorization}, by {@code
 * login_id}): whom ending that login logs out. Read-only; what the admin API shows beside each live login.
 */
@Component
public class OidcLoginClients {

    /** One relying party: its {@code client_id} and name. */
    public record Client(String clientId, String clientName) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    OidcLoginClients(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** For each of {@code loginIds} that has any, the clients with an unexpired authorization under it. */
    public Map<String, List<Client>> of(Collection<String> loginIds) {
        Map<String, List<Client>> clients = new LinkedHashMap<>();
        if (loginIds.isEmpty()) {
            return clients;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(loginIds.size(), "?"));
        List<Object> params = new java.util.ArrayList<>(loginIds);
        params.add(clock.millis());
        jdbc.sql("select distinct a.login_id, c.client_id, c.client_name from oidc_authorization a"
                        + " join oidc_client c on c.id = a.registered_client_id"
                        + " where a.login_id in (" + marks + ") and a.expires_at > ? order by c.client_id")
                .params(params)
                .query((rs, n) -> {
                    clients.computeIfAbsent(rs.getString("login_id"), k -> new java.util.ArrayList<>())
                            .add(new Client(rs.getString("client_id"), rs.getString("client_name")));
                    return null;
                })
                .list();
        return clients;
    }
}
