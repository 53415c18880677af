package io.wegate.server.account;

import java.time.Instant;

/**
 * A local account: the person, whichever upstream identities they log in with.
 *
 * @param disabledReason why a disabled account is: {@link #OFFBOARDED} or {@link #BY_ADMIN}; null when active
 */
public record Account(
        String id,
        String displayName,
        String mobile,
        String email,
        String status,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt) {

    public static final String ACTIVE = "active";

    /** Not active: no login, no refresh, no session ({@code disabled_reason} says why). */
    public static final String DISABLED = "disabled";

    /** {@code disabled_reason}: an upstream said the person left (offboarding undoes it when they are back). */
    public static final String OFFBOARDED = "offboarded";

    /** {@code disabled_reason}: an administrator disabled it (only an administrator enables it again). */
    public static final String BY_ADMIN = "admin";
}
