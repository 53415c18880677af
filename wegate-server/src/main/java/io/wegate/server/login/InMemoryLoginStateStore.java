package io.wegate.server.login;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Login states in this JVM, bounded in size and age so that abandoned logins cannot grow memory
 * without limit. Expiry by the injected clock is checked by {@link LoginStates}; Caffeine's own
 * expiry here only frees memory.
 */
public final class InMemoryLoginStateStore implements LoginStateStore {

    private final Cache<String, LoginState> states;

    public InMemoryLoginStateStore(Duration maxTtl, long maxSize) {
        this.states = Caffeine.newBuilder()
                .expireAfterWrite(maxTtl.plusMinutes(1))
                .maximumSize(maxSize)
                .build();
    }

    @Override
    public void save(String state, LoginState value, Duration ttl) {
        states.put(state, value);
    }

    @Override
    public Optional<LoginState> consume(String state) {
        return Optional.ofNullable(states.asMap().remove(state));
    }
}
