package io.wegate.server.login;

import java.time.Duration;
import java.util.Optional;

/** Keeps login states until they are consumed once, or expire. */
public interface LoginStateStore {

    void save(String state, LoginState value, Duration ttl);

    /** Removes and returns the state atomically: a second consume of the same state finds nothing. */
    Optional<LoginState> consume(String state);
}
