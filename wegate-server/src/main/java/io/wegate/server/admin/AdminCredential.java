package io.wegate.server.admin;

import io.wegate.server.web.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks {@code Authorization: Bearer <wegate.admin.token>}. Both sides are hashed first so the
 * comparison takes the same time whatever the length or content of what was sent.
 */
final class AdminCredential {

    private final byte[] expected;

    AdminCredential(AdminProperties properties) {
        this.expected = properties.enabled() ? digest(properties.token()) : null;
    }

    boolean matches(HttpServletRequest request) {
        if (expected == null) {
            return false;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(header.substring(7).trim()));
    }

    private static byte[] digest(String value) {
        return Sha256.hex(value).getBytes(StandardCharsets.US_ASCII);
    }
}
