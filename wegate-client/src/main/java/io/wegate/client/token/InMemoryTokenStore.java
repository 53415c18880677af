package io.wegate.client.token;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link TokenStore} in this JVM's memory: the default for a single instance. */
public final class InMemoryTokenStore implements TokenStore {

    private final ConcurrentMap<String, AccessToken> tokens = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryTokenStore() {}

    @Override
    public Optional<AccessToken> get(String key) {
        return Optional.ofNullable(tokens.get(key));
    }

    @Override
    public void put(String key, AccessToken token) {
        tokens.put(key, token);
    }

    @Override
    public boolean invalidate(String key, String failedValue) {
        boolean[] removed = {false};
        tokens.computeIfPresent(key, (k, current) -> {
            if (current.value().equals(failedValue)) {
                removed[0] = true;
                return null;
            }
            return current;
        });
        return removed[0];
    }
}
