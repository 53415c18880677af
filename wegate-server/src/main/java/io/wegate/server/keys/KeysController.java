package io.wegate.server.keys;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.token.SigningKeys;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/keys}: the signing keys (kid, algorithm, state, times; never a private
 * part). {@code POST /api/v1/admin/keys/rotate} with an optional {@code {"algorithm":"ES256"}}: a
 * new key per algorithm, published now, signing after the pre-publication.
 */
@RestController
class KeysController {

    /** The optional body of a rotation. */
    record RotateRequest(String algorithm) {}

    private final SigningKeys keys;
    private final KeyRotations rotations;

    KeysController(SigningKeys keys, KeyRotations rotations) {
        this.keys = keys;
        this.rotations = rotations;
    }

    @GetMapping("/api/v1/admin/keys")
    Map<String, Object> list() {
        return KeyRotations.json(keys);
    }

    @PostMapping("/api/v1/admin/keys/rotate")
    ResponseEntity<Map<String, Object>> rotate(@RequestBody(required = false) RotateRequest body) {
        String algorithm = body == null ? null : body.algorithm();
        if (algorithm != null && !SigningKeys.ALGORITHMS.contains(algorithm)) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "algorithm must be one of " + SigningKeys.ALGORITHMS);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(KeyRotations.json(rotations.rotate(algorithm, "api")));
    }
}
