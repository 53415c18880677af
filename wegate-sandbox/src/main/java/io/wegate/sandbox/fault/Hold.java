package io.wegate.sandbox.fault;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The calls a {@code hold} fault stops: counted in the stats, they wait before the endpoint answers (so before any
 * token or code is checked) until {@link #release()}, so that a test can change the upstream while they are provably
 * in flight. Event-driven both ways: {@link #awaitHeld} returns when the calls have arrived, not after a delay.
 */
public final class Hold {

    /** How long a call waits at most when nobody releases it, e.g. a test that failed before its release. */
    static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final CountDownLatch released = new CountDownLatch(1);
    // one permit per call that has arrived; awaitHeld takes and gives back, so several may wait
    private final Semaphore arrived = new Semaphore(0);

    Hold() {}

    /**
     * Blocks until {@code calls} calls have arrived at this hold (they are waiting now, or were released).
     *
     * @param timeout a safety net for a test whose calls never come, not a way to let time pass
     * @throws IllegalStateException if they have not all arrived within {@code timeout}
     */
    public void awaitHeld(int calls, Duration timeout) throws InterruptedException {
        if (!arrived.tryAcquire(calls, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(
                    "only " + arrived.availablePermits() + " of " + calls + " calls reached the hold in " + timeout);
        }
        arrived.release(calls);
    }

    /** The calls that have arrived so far. */
    public int held() {
        return arrived.availablePermits();
    }

    /** Lets every held call, and every later one this hold catches, go on to the endpoint. */
    public void release() {
        released.countDown();
    }

    public boolean released() {
        return released.getCount() == 0;
    }

    /** Called by the fault filter on the request's thread. */
    void hold() {
        arrived.release();
        try {
            released.await(MAX_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // the sandbox is closing: answer (or be abandoned) now
            Thread.currentThread().interrupt();
        }
    }
}
