package io.wegate.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's controllable, thread-safe clock: every expiry (tokens, codes, tickets, daily quotas) is measured on it.
 *
 * <p>{@link #SandboxClock()} follows the system time (so a demo behaves like the real service), while
 * {@link #SandboxClock(Instant, ZoneId)} stands still until {@link #advance} or {@link #set} moves it, which keeps
 * tests deterministic; {@link #SandboxClock(Clock)} follows any other clock. All can be moved; copies made by {@link #withZone} share the same time.
 */
public final class SandboxClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    /** A clock at the system time that keeps ticking; {@link #advance} and {@link #set} shift it. */
    public SandboxClock() {
        this(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    /** A clock frozen at {@code start}; only {@link #advance} and {@link #set} move it. */
    public SandboxClock(Instant start, ZoneId zone) {
        this(
                Clock.fixed(Objects.requireNonNull(start, "start"), Objects.requireNonNull(zone, "zone")),
                new AtomicReference<>(Duration.ZERO));
    }

    /**
     * A clock that follows {@code base}, e.g. a test's own clock that ticks on every read; {@link #advance} and
     * {@link #set} shift it like the others.
     */
    public SandboxClock(Clock base) {
        this(Objects.requireNonNull(base, "base"), new AtomicReference<>(Duration.ZERO));
    }

    private SandboxClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** Moves the clock forward (or backward, for a negative duration). */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        offset.updateAndGet(current -> current.plus(d));
    }

    /** Moves the clock to {@code i}; a ticking clock keeps ticking from there. */
    public void set(Instant i) {
        Objects.requireNonNull(i, "i");
        offset.set(Duration.between(base.instant(), i));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public SandboxClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (zone.equals(base.getZone())) {
            return this;
        }
        return new SandboxClock(base.withZone(zone), offset);
    }

    @Override
    public String toString() {
        return "SandboxClock[" + instant() + ", " + getZone() + "]";
    }
}
