package io.wegate.server.admin;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;

/** The reason an administrator gives for a change: free text for the audit log, short and printable. */
final class AdminReason {

    static final int MAX_LENGTH = 200;

    private AdminReason() {}

    /** The reason as it is recorded, null when none was given; 400 when it is too long or not printable. */
    static String check(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String r = reason.strip();
        if (r.length() > MAX_LENGTH) {
            throw new ApiException(
                    GatewayError.INVALID_REQUEST, "reason must be at most " + MAX_LENGTH + " characters");
        }
        if (r.codePoints().anyMatch(Character::isISOControl)) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "reason must not contain control characters");
        }
        return r;
    }
}
