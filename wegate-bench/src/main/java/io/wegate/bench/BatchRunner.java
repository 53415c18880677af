package io.wegate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs logins of one flow in batches. Within a batch each step is its own phase: all the batch's logins go through the
 * start step with {@code C} virtual threads, then the minting, then the login step. So the login phase puts exactly
 * {@code C} concurrent login calls on the gateway with no minting calls competing for the (shared) CPU, and its wall
 * time gives the login throughput.
 *
 * <p>With several gateway instances the logins are spread round robin: login {@code i} (counted over the whole run of
 * the driver) starts on instance {@code i mod n} and, with {@code --cross-instance}, finishes on the next one.
 */
final class BatchRunner {

    /** WeChat's jscode2session allows 100 calls per user and minute; a batch keeps below that with some margin. */
    static final int MINUTE_QUOTA_PER_USER = 90;

    static final int CLOCK_STEP_SECONDS = 60;

    private final DriverOptions options;
    private final LoginFlowClient client;
    private final ProcessCpu cpu;
    private final long deadline;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger instanceCursor = new AtomicInteger();

    BatchRunner(DriverOptions options, LoginFlowClient client, ProcessCpu cpu, long deadline) {
        this.options = options;
        this.client = client;
        this.cpu = cpu;
        this.deadline = deadline;
    }

    /**
     * What a run of logins did.
     *
     * @param startNanos wall time of the start phases
     * @param loginNanos wall time of the login phases (the timed window)
     * @param startTicks CPU clock ticks the gateway processes ({@code --server-pid}) spent during the start phases
     * @param loginTicks CPU clock ticks they spent during the login phases
     * @param totalTicks CPU clock ticks they spent during the whole run (phases and the minting between them)
     * @param windowStartEpochMillis when the first login phase (open loop: t0; burst: the release) began; 0 without one
     * @param arrivals how the open loop or the burst kept to its schedule; {@code null} for the closed loop
     */
    record Run(
            List<LoginAttempt> attempts,
            long startNanos,
            long loginNanos,
            long totalNanos,
            int clockSecondsAdvanced,
            boolean timedOut,
            long startTicks,
            long loginTicks,
            long totalTicks,
            long windowStartEpochMillis,
            Arrivals arrivals) {

        /** No logins; {@code timedOut} when the time limit kept them from running. */
        static Run empty(boolean timedOut) {
            return new Run(List.of(), 0, 0, 0, 0, timedOut, 0, 0, 0, 0, null);
        }

        int succeeded() {
            return (int) attempts.stream().filter(a -> a.succeeded).count();
        }

        int failed() {
            return attempts.size() - succeeded();
        }

        /** This run followed by {@code next}: attempts in order, phase times and clock moves added up. */
        Run plus(Run next) {
            List<LoginAttempt> both = new ArrayList<>(attempts);
            both.addAll(next.attempts);
            return new Run(
                    both,
                    startNanos + next.startNanos,
                    loginNanos + next.loginNanos,
                    totalNanos + next.totalNanos,
                    clockSecondsAdvanced + next.clockSecondsAdvanced,
                    timedOut || next.timedOut,
                    startTicks + next.startTicks,
                    loginTicks + next.loginTicks,
                    totalTicks + next.totalTicks,
                    windowStartEpochMillis == 0 ? next.windowStartEpochMillis : windowStartEpochMillis,
                    arrivals != null ? arrivals : next.arrivals);
        }
    }

    /** The instances of login number {@code i}: {@code [start, login]}. */
    static int[] instances(int i, int gateways, boolean crossInstance) {
        int start = Math.floorMod(i, gateways);
        return new int[] {start, crossInstance ? (start + 1) % gateways : start};
    }

    /** Whether the time limit has run out. */
    boolean stopped() {
        return stop.get() || System.nanoTime() - deadline >= 0;
    }

    /** Stops every phase (the time limit ran out). */
    void stop() {
        stop.set(true);
    }

    /** The {@link System#nanoTime()} of the overall time limit. */
    long deadline() {
        return deadline;
    }

    /** Logins per batch for {@code flow}: {@code --batch}, capped by the minute quota when the flow has one. */
    int batchSize(LoginFlow flow) {
        if (!flow.minuteQuota()) {
            return options.batch();
        }
        return Math.min(options.batch(), MINUTE_QUOTA_PER_USER * flow.users().size());
    }

    /** Whether the sandbox clock is moved on before each batch of {@code flow}. */
    boolean advancesClock(LoginFlow flow) {
        return flow.minuteQuota() && options.advanceClock();
    }

    /**
     * Runs {@code count} logins of {@code flow}, taking users round robin from {@code userCursor}.
     *
     * @throws IllegalStateException when the sandbox clock cannot be moved, or a worker fails unexpectedly
     */
    Run run(LoginFlow flow, int count, AtomicInteger userCursor) {
        return run(flow, count, userCursor, Completions.none());
    }

    /** {@link #run(LoginFlow, int, AtomicInteger)}, telling {@code completions} of every login step that returns. */
    Run run(LoginFlow flow, int count, AtomicInteger userCursor, Completions completions) {
        List<String> users = flow.users();
        List<LoginAttempt> all = new ArrayList<>(count);
        long windowStart = 0;
        long startPhases = 0;
        long loginPhases = 0;
        long startTicks = 0;
        long loginTicks = 0;
        int clockSeconds = 0;
        long begin = System.nanoTime();
        long firstTicks = cpu.ticks();
        boolean timedOut = false;
        try {
            for (int done = 0; done < count; ) {
                int size = Math.min(batchSize(flow), count - done);
                if (advancesClock(flow)) {
                    // A fresh calendar minute of the sandbox clock for every batch, so that no user passes the quota.
                    client.postSandboxJson(
                            "/sandbox/clock", client.object().put("advance_seconds", CLOCK_STEP_SECONDS));
                    clockSeconds += CLOCK_STEP_SECONDS;
                }
                List<LoginAttempt> batch = attempts(users, size, userCursor);
                all.addAll(batch);
                done += size;
                if (flow.startStep() != null) {
                    long ticks = cpu.ticks();
                    startPhases += phase(batch, flow::start);
                    startTicks += cpu.ticks() - ticks;
                }
                phase(alive(batch), flow::mint);
                long ticks = cpu.ticks();
                if (windowStart == 0) {
                    windowStart = System.currentTimeMillis();
                }
                loginPhases += phase(alive(batch), a -> {
                    flow.login(a);
                    a.doneEpochMillis = System.currentTimeMillis();
                    completions.completed();
                });
                loginTicks += cpu.ticks() - ticks;
            }
        } catch (TimeoutException e) {
            timedOut = true;
        }
        // Logins the time limit cut off (never started or interrupted) count neither as successes nor failures.
        List<LoginAttempt> attempted =
                all.stream().filter(a -> a.succeeded || a.failureKey != null).toList();
        return new Run(
                attempted,
                startPhases,
                loginPhases,
                System.nanoTime() - begin,
                clockSeconds,
                timedOut,
                startTicks,
                loginTicks,
                cpu.ticks() - firstTicks,
                windowStart,
                null);
    }

    /**
     * The measured logins of an open loop or a burst, made ready before its window: {@code count} attempts, each
     * through the start step (timed as a phase of its own, with the configured concurrency) and with its code minted.
     *
     * @param startNanos wall time of the start phase
     * @param startTicks CPU clock ticks of the gateway processes during it
     */
    record Prepared(List<LoginAttempt> attempts, long startNanos, long startTicks) {

        List<LoginAttempt> ready() {
            return alive(attempts);
        }
    }

    Prepared prepare(LoginFlow flow, int count, AtomicInteger userCursor) throws TimeoutException {
        List<LoginAttempt> all = attempts(flow.users(), count, userCursor);
        long startNanos = 0;
        long startTicks = 0;
        if (flow.startStep() != null) {
            long ticks = cpu.ticks();
            startNanos = phase(all, flow::start);
            startTicks = cpu.ticks() - ticks;
        }
        phase(alive(all), flow::mint);
        return new Prepared(all, startNanos, startTicks);
    }

    private List<LoginAttempt> attempts(List<String> users, int count, AtomicInteger userCursor) {
        List<LoginAttempt> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = users.get(Math.floorMod(userCursor.getAndIncrement(), users.size()));
            int[] instances = instances(
                    instanceCursor.getAndIncrement(), options.gateways().size(), options.crossInstance());
            batch.add(new LoginAttempt(user, instances[0], instances[1]));
        }
        return batch;
    }

    static List<LoginAttempt> alive(List<LoginAttempt> batch) {
        return batch.stream().filter(LoginAttempt::alive).toList();
    }

    /** Runs {@code task} over {@code items} with the configured concurrency; returns the phase's wall time. */
    private long phase(List<LoginAttempt> items, Consumer<LoginAttempt> task) throws TimeoutException {
        if (items.isEmpty()) {
            return 0;
        }
        if (stopped()) {
            stop.set(true);
            throw new TimeoutException();
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(options.concurrency(), items.size());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(executor.submit(() -> {
                int i;
                while (!stop.get() && (i = next.getAndIncrement()) < items.size()) {
                    task.accept(items.get(i));
                }
            }));
        }
        try {
            for (Future<?> future : futures) {
                long remaining = deadline - System.nanoTime();
                future.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            stop.set(true);
            executor.shutdownNow();
            awaitQuietly(executor);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
            executor.shutdownNow();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            executor.shutdownNow();
            throw new IllegalStateException("a load worker failed: " + e.getCause(), e.getCause());
        }
        long elapsed = System.nanoTime() - start;
        executor.shutdown();
        return elapsed;
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
