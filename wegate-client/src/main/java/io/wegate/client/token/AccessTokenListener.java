package io.wegate.client.token;

/** Told what an {@link AccessTokenProvider} does, for metrics. Methods must be cheap and not throw. */
public interface AccessTokenListener {

    /** A listener that ignores everything. */
    AccessTokenListener NONE = new AccessTokenListener() {};

    /** A usable token was found in the store. */
    default void onCacheHit(String key) {}

    /** The upstream is being asked for a new token. */
    default void onFetch(String key) {}

    /** The upstream rejected a token before its expiry (40001/40014/42001 and the like). */
    default void onTokenRejected(String key) {}
}
