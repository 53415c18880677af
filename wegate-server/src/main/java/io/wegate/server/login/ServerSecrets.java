package io.wegate.server.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gateway's own secrets (table {@code server_secret}): created on first start, shared by every
 * instance through the database, like the signing key.
 */
@Component
public final class ServerSecrets {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random;

    public ServerSecrets(JdbcClient jdbc, Clock clock, SecureRandom random) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.random = random;
    }

    /** The 256-bit secret called {@code name}, created if there is none yet. */
    public byte[] get(String name) {
        String stored = read(name);
        if (stored == null) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            try {
                jdbc.sql("insert into server_secret (name, secret, created_at) values (?, ?, ?)")
                        .params(name, Base64.getEncoder().encodeToString(b), clock.millis())
                        .update();
            } catch (DuplicateKeyException raced) {
                // another instance created it first: everyone uses that one
            }
            stored = read(name);
        }
        return Base64.getDecoder().decode(stored);
    }

    private String read(String name) {
        return jdbc.sql("select secret from server_secret where name = ?")
                .param(name)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
