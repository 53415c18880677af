package io.wegate.server.keys;

import io.wegate.server.admin.AdminAudit;
import io.wegate.server.token.SigningKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Rotations of the signing keys, by the admin API, the command line or the schedule: each audited. */
@Component
final class KeyRotations {

    private final SigningKeys keys;
    private final AdminAudit audit;

    KeyRotations(SigningKeys keys, AdminAudit audit) {
        this.keys = keys;
        this.audit = audit;
    }

    /** Rotates {@code algorithm}, or every algorithm when it is {@code null}. */
    List<SigningKeys.Rotation> rotate(String algorithm, String via) {
        List<String> algorithms = algorithm == null ? SigningKeys.ALGORITHMS : List.of(algorithm);
        List<SigningKeys.Rotation> out = new ArrayList<>();
        for (String a : algorithms) {
            SigningKeys.Rotation r = keys.rotate(a);
            record(r, via);
            out.add(r);
        }
        return out;
    }

    /** The scheduled rotation: every algorithm whose newest key is {@code interval} old (one instance wins). */
    List<SigningKeys.Rotation> rotateDue(Duration interval) {
        List<SigningKeys.Rotation> out = new ArrayList<>();
        for (String a : SigningKeys.ALGORITHMS) {
            keys.rotateIfOlderThan(a, interval).ifPresent(r -> {
                record(r, "schedule");
                out.add(r);
            });
        }
        return out;
    }

    private void record(SigningKeys.Rotation r, String via) {
        audit.record(
                "admin.key.rotated",
                via,
                null,
                "kid=" + r.kid() + " alg=" + r.algorithm() + " activates_at=" + r.activatesAt());
    }

    static Map<String, Object> json(List<SigningKeys.Rotation> rotations) {
        return Map.of(
                "keys",
                rotations.stream()
                        .map(r -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("kid", r.kid());
                            m.put("algorithm", r.algorithm());
                            m.put("state", "published");
                            m.put("activates_at", r.activatesAt().toString());
                            return m;
                        })
                        .toList());
    }

    static Map<String, Object> json(SigningKeys keys) {
        List<Map<String, Object>> list = keys.keys().stream()
                .map(k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kid", k.kid());
                    m.put("algorithm", k.algorithm());
                    m.put("state", k.state().value());
                    m.put("created_at", k.createdAt().toString());
                    m.put("activates_at", k.activatesAt().toString());
                    m.put(
                            "retires_at",
                            k.retiresAt() == null ? null : k.retiresAt().toString());
                    m.put(
                            "removed_at",
                            k.removedAt() == null ? null : k.removedAt().toString());
                    return m;
                })
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keys", list);
        out.put("pre_publication_seconds", keys.prePublication().toSeconds());
        out.put("overlap_seconds", keys.overlap().toSeconds());
        out.put("encrypted_at_rest", keys.encryptedAtRest());
        return out;
    }
}
