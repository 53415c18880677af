package io.wegate.server.keys;

import io.wegate.server.token.SigningKeyProperties;
import io.wegate.server.token.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's keys current without traffic: each few seconds, reloads the keys when
 * {@code wegate.token.key-refresh-interval} has passed (by the injected clock), and rotates them
 * when {@code wegate.token.key-rotation-interval} is set and the newest key is that old. In a
 * cluster every instance tries; the database lets one rotation through per interval.
 */
@Component
final class KeyRefreshSchedule {

    private static final Logger log = LoggerFactory.getLogger(KeyRefreshSchedule.class);

    private final SigningKeys keys;
    private final KeyRotations rotations;
    private final SigningKeyProperties properties;

    KeyRefreshSchedule(SigningKeys keys, KeyRotations rotations, SigningKeyProperties properties) {
        this.keys = keys;
        this.rotations = rotations;
        this.properties = properties;
    }

    @Scheduled(fixedDelay = 5000, initialDelay = 5000)
    void tick() {
        try {
            if (properties.keyRotationInterval() != null) {
                rotations.rotateDue(properties.keyRotationInterval());
            }
            keys.refreshIfDue();
        } catch (RuntimeException e) {
            log.warn("Signing key refresh failed: {}", e.getMessage());
        }
    }
}
