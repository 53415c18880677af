package io.wegate.server.account;

import java.time.Instant;

/** A local account: the person, whichever upstream identities they log in with. */
public record Account(
        String id,
        String displayName,
        String mobile,
        String email,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    public static final String ACTIVE = "active";

    /** Not active: no login, no refresh, no session ({@code disabled_reason} says why). */
    public static final String DISABLED = "disabled";
}
