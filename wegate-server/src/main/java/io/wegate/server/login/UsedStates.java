package io.wegate.server.login;

import java.time.Duration;

/**
 * Remembers which one-time values were used, so that each is used once: redeemed login states
 * ({@code b:…}, {@code a:…}) and the {@code jti} of OIDC client assertions ({@code j:…}). Only used
 * values are kept (a state carries everything else itself), so starting logins, however many,
 * stores nothing.
 */
public interface UsedStates {

    /** Marks {@code id} used for {@code ttl}; true the first time, false when it was used already. */
    boolean firstUse(String id, Duration ttl);
}
