package io.wegate.server.login;

import java.time.Duration;

/**
 * Remembers which login states were redeemed, so that each is used once. Only redeemed states are
 * kept (a state carries everything else itself), so starting logins, however many, stores nothing.
 */
public interface UsedStates {

    /** Marks {@code id} used for {@code ttl}; true the first time, false when it was used already. */
    boolean firstUse(String id, Duration ttl);
}
