package io.wegate.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The gateway's clock in tests: starts at real time, moves when a test says so, stops when it says so. */
public final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    public void advance(Duration d) {
        if (frozen != null) {
            frozen = frozen.plus(d);
        }
        offset = offset.plus(d);
    }

    /** Stops the clock where it is (it moves only by {@link #advance}) until {@link #reset}. */
    public void freeze() {
        frozen = instant();
    }

    public void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant stopped = frozen;
        return stopped != null ? stopped : Clock.systemUTC().instant().plus(offset);
    }
}
