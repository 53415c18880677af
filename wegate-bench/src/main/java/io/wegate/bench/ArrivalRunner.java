package io.wegate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The measured run of the open loop ({@code --rate R}) and of a burst ({@code --burst N}). Every login is prepared
 * first (start step, code minted: {@link BatchRunner#prepare}); then, in the timed window, each login step runs on a
 * virtual thread of its own:
 *
 * <ul>
 *   <li>open loop: login {@code i} is due at {@code t0 + i/R}; one platform thread starts each login's thread when it
 *       is due, however many are still in flight. The latency counts from when the login was due, not from when it
 *       was sent, so a driver or gateway that falls behind cannot hide the wait (no coordinated omission).
 *   <li>burst: all the threads are started first and wait on one gate; the gate opens once, and the latency counts
 *       from that moment.
 * </ul>
 *
 * The window runs from t0 (or the release) until the last login step returns; the gateway CPU ticks are read at its
 * two ends.
 */
final class ArrivalRunner {

    /** Time between the end of the preparation and t0, for the first thread to be scheduled on time. */
    private static final long LEAD_NANOS = 20_000_000;

    private final DriverOptions options;
    private final BatchRunner batches;
    private final ProcessCpu cpu;

    ArrivalRunner(DriverOptions options, BatchRunner batches, ProcessCpu cpu) {
        this.options = options;
        this.batches = batches;
        this.cpu = cpu;
    }

    BatchRunner.Run run(LoginFlow flow, int count, AtomicInteger userCursor, Completions completions) {
        long begin = System.nanoTime();
        long firstTicks = cpu.ticks();
        BatchRunner.Prepared prepared;
        try {
            prepared = batches.prepare(flow, count, userCursor);
        } catch (TimeoutException e) {
            return BatchRunner.Run.empty(true);
        }
        List<LoginAttempt> ready = prepared.ready();
        Window window = options.burst() ? burst(flow, ready, completions) : openLoop(flow, ready, completions);
        List<LoginAttempt> attempted = prepared.attempts().stream()
                .filter(a -> a.succeeded || a.failureKey != null)
                .toList();
        return new BatchRunner.Run(
                attempted,
                prepared.startNanos(),
                Math.max(0, window.lastDone - window.start),
                System.nanoTime() - begin,
                0,
                window.timedOut,
                prepared.startTicks(),
                window.ticks,
                cpu.ticks() - firstTicks,
                window.startEpochMillis,
                window.arrivals);
    }

    /** The timed window: from t0 / the release to the last login step's return. */
    private record Window(
            long start, long startEpochMillis, long lastDone, long ticks, boolean timedOut, Arrivals arrivals) {}

    private Window openLoop(LoginFlow flow, List<LoginAttempt> ready, Completions completions) {
        double rate = options.rate();
        List<Thread> threads = new ArrayList<>(ready.size());
        long ticks = cpu.ticks();
        long t0 = System.nanoTime() + LEAD_NANOS;
        long startEpochMillis = System.currentTimeMillis() + LEAD_NANOS / 1_000_000;
        boolean timedOut = false;
        for (int i = 0; i < ready.size(); i++) {
            long due = t0 + Arrivals.offsetNanos(i, rate);
            if (batches.stopped()) {
                timedOut = true;
                break;
            }
            sleepUntil(due);
            LoginAttempt attempt = ready.get(i);
            attempt.intendedNanos = due;
            threads.add(Thread.ofVirtual().start(() -> login(flow, attempt, completions)));
        }
        timedOut |= join(threads);
        long done = System.nanoTime();
        long loginTicks = cpu.ticks() - ticks;
        List<LoginAttempt> sent = ready.stream().filter(a -> a.sendNanos >= 0).toList();
        Arrivals arrivals = Arrivals.openLoop(
                rate,
                t0,
                sent.stream().mapToLong(a -> a.intendedNanos).toArray(),
                sent.stream().mapToLong(a -> a.sendNanos).toArray());
        return new Window(t0, startEpochMillis, lastDone(sent, done), loginTicks, timedOut, arrivals);
    }

    private Window burst(LoginFlow flow, List<LoginAttempt> ready, Completions completions) {
        CountDownLatch waiting = new CountDownLatch(ready.size());
        CountDownLatch gate = new CountDownLatch(1);
        long[] release = new long[1];
        List<Thread> threads = new ArrayList<>(ready.size());
        for (LoginAttempt attempt : ready) {
            threads.add(Thread.ofVirtual().start(() -> {
                waiting.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    return;
                }
                attempt.intendedNanos = release[0];
                login(flow, attempt, completions);
            }));
        }
        boolean timedOut = false;
        try {
            long remaining = batches.deadline() - System.nanoTime();
            timedOut = !waiting.await(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOut = true;
        }
        long ticks = cpu.ticks();
        long startEpochMillis = System.currentTimeMillis();
        // written before the gate opens; countDown/await order it before every thread's read
        release[0] = System.nanoTime();
        gate.countDown();
        timedOut |= join(threads);
        long done = System.nanoTime();
        long loginTicks = cpu.ticks() - ticks;
        List<LoginAttempt> sent = ready.stream().filter(a -> a.sendNanos >= 0).toList();
        Arrivals arrivals = Arrivals.burst(
                release[0], sent.stream().mapToLong(a -> a.sendNanos).toArray());
        return new Window(release[0], startEpochMillis, lastDone(sent, done), loginTicks, timedOut, arrivals);
    }

    /** One login step on its own thread; its latency from when it was due. */
    private static void login(LoginFlow flow, LoginAttempt attempt, Completions completions) {
        attempt.sendNanos = System.nanoTime();
        flow.login(attempt);
        long done = System.nanoTime();
        attempt.doneEpochMillis = System.currentTimeMillis();
        attempt.doneNanos = done;
        if (attempt.succeeded) {
            attempt.loginNanos = done - attempt.intendedNanos;
        }
        completions.completed();
    }

    private static long lastDone(List<LoginAttempt> sent, long fallback) {
        return sent.stream()
                .filter(a -> a.doneNanos >= 0)
                .mapToLong(a -> a.doneNanos)
                .max()
                .orElse(fallback);
    }

    /** Waits for every thread until the time limit; on time-out interrupts the rest and returns {@code true}. */
    private boolean join(List<Thread> threads) {
        try {
            for (Thread thread : threads) {
                long remaining = batches.deadline() - System.nanoTime();
                if (remaining <= 0 || !thread.join(java.time.Duration.ofNanos(remaining))) {
                    batches.stop();
                    threads.forEach(Thread::interrupt);
                    for (Thread t : threads) {
                        t.join(java.time.Duration.ofSeconds(10));
                    }
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
            return true;
        }
        return false;
    }

    /**
     * Parks until {@link System#nanoTime()} reaches {@code due}. No busy wait: on this shared machine a spinning
     * driver would take CPU from the gateway it measures; the parking's own lateness shows in the send lag.
     */
    static void sleepUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
