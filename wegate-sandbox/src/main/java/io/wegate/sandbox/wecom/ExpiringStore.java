package io.wegate.sandbox.wecom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A concurrent map whose entries are dropped some time after their {@code evictAt} instant on the sandbox clock, so a
 * long-running demo or benchmark does not accumulate every code and token it ever issued. Eviction is lazy (a sweep at
 * most once a minute of sandbox time), so callers must still check expiry themselves.
 */
public final class ExpiringStore<V> {

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final Function<V, Instant> evictAt;
    private final Map<String, V> entries = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> nextSweep;

    public ExpiringStore(Clock clock, Function<V, Instant> evictAt) {
        this.clock = clock;
        this.evictAt = evictAt;
        this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
    }

    public void put(String key, V value) {
        sweepIfDue();
        entries.put(key, value);
    }

    public V get(String key) {
        return key == null ? null : entries.get(key);
    }

    /** Removes the entry only if it still maps to {@code value}: the atomic "consume" of single-use codes. */
    public boolean remove(String key, V value) {
        return entries.remove(key, value);
    }

    /** Replaces the entry only if it still maps to {@code expected}: the atomic "mark as used" of codes. */
    public boolean replace(String key, V expected, V replacement) {
        return entries.replace(key, expected, replacement);
    }

    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }

    private void sweepIfDue() {
        Instant now = clock.instant();
        Instant next = nextSweep.get();
        // Also sweep when the clock was set back by more than an interval, or sweeping would stop until it caught up.
        boolean due = !now.isBefore(next) || now.isBefore(next.minus(SWEEP_INTERVAL));
        // One caller wins the CAS and sweeps; the others carry on without waiting.
        if (!due || !nextSweep.compareAndSet(next, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        entries.values().removeIf(v -> !now.isBefore(evictAt.apply(v)));
    }
}
