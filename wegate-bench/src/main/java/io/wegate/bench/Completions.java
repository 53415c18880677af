package io.wegate.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the measured logins as they complete (success or failure) and runs an action once, on the thread whose login
 * completes as the {@code after}-th: {@code --invalidate-after N} has the sandbox invalidate the upstream tokens while
 * the rest of the logins are in flight.
 */
final class Completions {

    private final int after;
    private final Runnable action;
    private final AtomicInteger completed = new AtomicInteger();
    private volatile String failure;
    private volatile long actedAtNanos = -1;

    /** @param after 0: never act */
    Completions(int after, Runnable action) {
        this.after = after;
        this.action = action;
    }

    static Completions none() {
        return new Completions(0, () -> {});
    }

    /** One more login completed; the {@code after}-th runs the action (whose failure is kept, not thrown). */
    void completed() {
        if (completed.incrementAndGet() == after && after > 0) {
            try {
                action.run();
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            actedAtNanos = System.nanoTime();
        }
    }

    int count() {
        return completed.get();
    }

    /** After how many completions the action runs; 0 never. */
    int after() {
        return after;
    }

    /** Whether the action has run (it may have failed). */
    boolean acted() {
        return actedAtNanos >= 0;
    }

    long actedAtNanos() {
        return actedAtNanos;
    }

    /** The action's error message, or {@code null}. */
    String failure() {
        return failure;
    }
}
