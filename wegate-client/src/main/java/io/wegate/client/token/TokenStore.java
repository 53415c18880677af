package io.wegate.client.token;

import java.time.Duration;
import java.util.Optional;

/**
 * Where upstream access tokens are kept, shared by every caller of one {@link AccessTokenProvider}.
 *
 * <p>The provider owns expiry, single-flight refresh and invalidation; a store only keeps values.
 * Implementations must make {@link #invalidate(String, String)} atomic, so that a late failure
 * reported for an old token never throws away a newer one.
 */
public interface TokenStore {

    /** The token stored under {@code key}, whatever its age. */
    Optional<AccessToken> get(String key);

    /** Stores {@code token} under {@code key}, replacing any previous one. */
    void put(String key, AccessToken token);

    /**
     * Removes the token under {@code key} only if its value is still {@code failedValue}.
     *
     * @return whether a token was removed
     */
    boolean invalidate(String key, String failedValue);

    /**
     * Asks for the right to refresh {@code key} for at most {@code lease}, so that of many
     * processes sharing this store only one calls the upstream. A store in one process has nothing
     * to coordinate and always grants it.
     *
     * @return whether this caller may refresh now; if not, another process is refreshing
     */
    default boolean tryAcquireRefresh(String key, Duration lease) {
        return true;
    }

    /** Gives back a refresh right this caller holds (early: before the lease ends by itself). */
    default void releaseRefresh(String key) {}
}
