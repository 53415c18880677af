package io.wegate.server.login;

import java.time.Duration;

/** Counters for rate limits: one per key and window, gone after {@code ttl}. */
public interface RateLimitBuckets {

    /** The count of {@code key} so far (0 when absent). */
    long get(String key);

    /** Adds one to {@code key}, which expires after {@code ttl}; returns the new count. */
    long increment(String key, Duration ttl);
}
