package io.wegate.server.oidc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The clients of the configuration, none included: Spring's in-memory repository refuses an empty
 * list, and a gateway without relying parties is a normal configuration.
 */
final class ConfiguredClientRepository implements RegisteredClientRepository {

    private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();
    private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

    ConfiguredClientRepository(List<RegisteredClient> clients) {
        clients.forEach(this::save);
    }

    @Override
    public void save(RegisteredClient client) {
        RegisteredClient sameClientId = byClientId.get(client.getClientId());
        if (sameClientId != null && !sameClientId.getId().equals(client.getId())) {
            throw new IllegalArgumentException("two clients with client_id " + client.getClientId());
        }
        byId.put(client.getId(), client);
        byClientId.put(client.getClientId(), client);
    }

    @Override
    public RegisteredClient findById(String id) {
        return byId.get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return byClientId.get(clientId);
    }
}
