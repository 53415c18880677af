package io.wegate.server.oidc;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Registers, changes and removes relying parties from RFC 7591 client metadata: what the admin API
 * and {@code --register-client} do. A client of the configuration cannot be changed here (409);
 * a change is written with its audit record in one transaction, or not at all. The secret (256
 * random bits) is in the answer of a registration or a rotation only, and stored hashed.
 */
public final class OidcClientRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClientRepository clients;
    private final OidcClientDefaults defaults;
    private final OidcClientRestrictions.Logins logins;
    private final TransactionTemplate tx;
    private final Clock clock;

    OidcClientRegistry(
            JdbcClientRepository clients,
            OidcClientDefaults defaults,
            OidcClientRestrictions.Logins logins,
            TransactionTemplate tx,
            Clock clock) {
        if (clients == null || defaults == null || logins == null || tx == null || clock == null) {
            throw new IllegalArgumentException("clients, defaults, logins, tx and clock are required");
        }
        this.clients = clients;
        this.defaults = defaults;
        this.logins = logins;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Registers a client; {@code audit} runs in the same transaction with the new client_id.
     *
     * @param source {@code api} or {@code cli}
     * @return the RFC 7591 answer, {@code client_secret} included (the only time it is shown)
     */
    public Map<String, Object> create(JsonNode metadata, String source, Consumer<String> audit) {
        if (!"api".equals(source) && !"cli".equals(source)) {
            throw new IllegalArgumentException("source must be api or cli");
        }
        ClientMetadata m = ClientMetadata.read(metadata, logins);
        String clientId = newClientId();
        String secret = m.needsSecret() ? ClientSecrets.generate() : null;
        RegisteredClient c = m.registered(
                UUID.randomUUID().toString(),
                clientId,
                clock.instant(),
                secret == null ? null : ClientSecrets.hash(secret),
                defaults);
        try {
            tx.executeWithoutResult(s -> {
                clients.insert(c, source);
                audit.accept(clientId);
            });
        } finally {
            clients.invalidate();
        }
        return withSecret(ClientMetadata.of(c, source), secret);
    }

    public List<Map<String, Object>> list() {
        return clients.all().stream()
                .map(s -> ClientMetadata.of(s.client(), s.source()))
                .toList();
    }

    public Map<String, Object> get(String clientId) {
        JdbcClientRepository.Stored s = existing(clientId);
        return ClientMetadata.of(s.client(), s.source());
    }

    /**
     * Replaces a client's metadata (RFC 7592 style: the whole document); its client_id, issue time
     * and secret stay. A change to a method that needs a secret, on a client without one, issues
     * one (in the answer, once); a change to {@code none} or {@code private_key_jwt} drops it.
     */
    public Map<String, Object> update(String clientId, JsonNode metadata, Consumer<String> audit) {
        JdbcClientRepository.Stored s = changeable(clientId);
        ClientMetadata m = ClientMetadata.read(metadata, logins);
        String secret = null;
        String hashed = s.client().getClientSecret();
        if (m.needsSecret() && hashed == null) {
            secret = ClientSecrets.generate();
            hashed = ClientSecrets.hash(secret);
        }
        RegisteredClient c =
                m.registered(s.client().getId(), clientId, s.client().getClientIdIssuedAt(), hashed, defaults);
        write(c, audit);
        return withSecret(ClientMetadata.of(c, s.source()), secret);
    }

    /** A new secret for a client that has one; the old one stops working at once. */
    public Map<String, Object> rotateSecret(String clientId, Consumer<String> audit) {
        JdbcClientRepository.Stored s = changeable(clientId);
        if (s.client().getClientSecret() == null) {
            throw new ApiException(
                    GatewayError.INVALID_CLIENT_METADATA,
                    "this client authenticates without a client secret (token_endpoint_auth_method "
                            + ClientMetadata.of(s.client(), s.source()).get("token_endpoint_auth_method") + ")");
        }
        String secret = ClientSecrets.generate();
        RegisteredClient c = RegisteredClient.from(s.client())
                .clientSecret(ClientSecrets.hash(secret))
                .build();
        write(c, audit);
        return withSecret(ClientMetadata.of(c, s.source()), secret);
    }

    public void delete(String clientId, Consumer<String> audit) {
        JdbcClientRepository.Stored s = changeable(clientId);
        try {
            tx.executeWithoutResult(t -> {
                if (!clients.delete(s.client().getId())) {
                    throw new ApiException(GatewayError.UNKNOWN_CLIENT, clientId);
                }
                audit.accept(clientId);
            });
        } finally {
            clients.invalidate();
        }
    }

    private void write(RegisteredClient c, Consumer<String> audit) {
        try {
            tx.executeWithoutResult(t -> {
                if (!clients.update(c)) {
                    throw new ApiException(GatewayError.UNKNOWN_CLIENT, c.getClientId());
                }
                audit.accept(c.getClientId());
            });
        } finally {
            clients.invalidate();
        }
    }

    private JdbcClientRepository.Stored existing(String clientId) {
        // straight from the database: an admin decision is never taken on a cached copy
        clients.invalidate();
        return clients.storedByClientId(clientId)
                .orElseThrow(() -> new ApiException(GatewayError.UNKNOWN_CLIENT, clientId));
    }

    private JdbcClientRepository.Stored changeable(String clientId) {
        JdbcClientRepository.Stored s = existing(clientId);
        if (JdbcClientRepository.CONFIGURATION.equals(s.source())) {
            throw new ApiException(GatewayError.CLIENT_FROM_CONFIGURATION);
        }
        return s;
    }

    private static Map<String, Object> withSecret(Map<String, Object> answer, String secret) {
        if (secret == null) {
            return answer;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        answer.forEach((k, v) -> {
            m.put(k, v);
            if (k.equals("client_id_issued_at")) {
                m.put("client_secret", secret);
            }
        });
        return m;
    }

    /** 128 random bits, base64url: not guessable, not enumerable. */
    private static String newClientId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "wg-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
