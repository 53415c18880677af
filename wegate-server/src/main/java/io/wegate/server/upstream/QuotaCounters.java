package io.wegate.server.upstream;

import java.util.Map;

/**
 * Daily app-token call counts per app: in this instance's memory, or shared across the cluster
 * (Redis) in cluster mode. Days are strings ({@code 2026-12-01}); entries outlive their day by a day.
 */
public interface QuotaCounters {

    /** Counts one call of {@code app} on {@code day}; returns the day's count so far. */
    long increment(String day, String app);

    /** The counts of {@code day}, by app. */
    Map<String, Long> counts(String day);

    /** {@code cluster} or {@code this instance}. */
    String scope();
}
