package io.wegate.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs WeCom API-flow logins through a running gateway and its sandbox, and reports throughput, latency, failures and
 * upstream calls per login.
 *
 * <p>One login is: (1) {@code GET <gateway>/api/v1/login/wecom/authorize-url}, (2) {@code POST <sandbox>/sandbox/codes}
 * (the person consenting, not counted), (3) {@code POST <gateway>/api/v1/login/wecom}. The logins run in batches; in
 * each batch every step runs as its own phase, all the batch's logins through step 1 with {@code C} virtual threads,
 * then step 2, then step 3. So the step-3 phase puts exactly {@code C} concurrent login calls on the gateway, with no
 * consent calls competing for the (shared) CPU, and its wall time gives the login throughput; steps 1 and 3 together
 * give the whole-flow throughput. Latency percentiles are of successful step-3 calls.
 *
 * <p>Warm-up logins are run first and left out. Upstream calls per login come from the sandbox's {@code /sandbox/stats},
 * read after the warm-up and after the measured run.
 *
 * <p>Prints a table and one line {@code RESULT <json>}. Exit status: 0 when every measured login succeeded, 1 when some
 * failed, 2 for a bad command line, 3 when the overall time limit cut the run short, 4 when it could not start.
 */
public final class LoginLoadDriver {

    private final DriverOptions options;
    private final PrintStream out;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger userCursor = new AtomicInteger();
    private long deadline;
    private LoginFlowClient flow;
    private List<String> users;

    LoginLoadDriver(DriverOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        DriverOptions options;
        try {
            options = DriverOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.print(DriverOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(DriverOptions.USAGE);
            return;
        }
        int status;
        try {
            status = new LoginLoadDriver(options, System.out).run();
        } catch (IllegalStateException e) {
            System.err.println("Error: " + e.getMessage());
            status = 4;
        }
        System.out.flush();
        System.exit(status);
    }

    int run() {
        deadline = System.nanoTime() + options.timeout().toNanos();
        HttpClient http = LoginFlowClient.newHttpClient();
        LoginFlowClient bootstrap = new LoginFlowClient(http, json, options, options.agentId());
        users = options.users();
        String agentId = options.agentId();
        if (users.isEmpty() || agentId == null) {
            JsonNode fixture = bootstrap.getSandboxJson("/sandbox/fixture");
            if (users.isEmpty()) {
                users = activeMembers(fixture);
            }
            if (agentId == null) {
                agentId = firstAgentId(fixture);
            }
        }
        flow = new LoginFlowClient(http, json, options, agentId);

        out.printf(
                Locale.ROOT,
                "wegate login load: %d logins (+%d warm-up), concurrency %d, batches of %d%n",
                options.logins(),
                options.warmup(),
                options.concurrency(),
                options.batch());
        out.printf(Locale.ROOT, "  gateway  %s%n", options.gateway());
        out.printf(Locale.ROOT, "  sandbox  %s  (agentid %s)%n", options.sandbox(), agentId);
        out.printf(Locale.ROOT, "  users    %s%n", String.join(",", users));
        out.printf(Locale.ROOT, "  redirect %s%n", options.effectiveRedirectUri());
        out.flush();

        if (options.warmup() > 0) {
            Run warm = runLogins(options.warmup());
            out.printf(
                    Locale.ROOT,
                    "warm-up: %d ok, %d failed in %.1f s%n",
                    warm.succeeded(),
                    warm.failed(),
                    warm.totalNanos() / 1e9);
            if (warm.timedOut()) {
                out.println("the overall time limit ran out during the warm-up");
                return 3;
            }
            if (warm.succeeded() == 0) {
                printFailures(warm);
                throw new IllegalStateException(
                        "no warm-up login succeeded; is the gateway running in sandbox mode on this sandbox?");
            }
        }

        JsonNode before = flow.getSandboxJson("/sandbox/stats");
        Run run = runLogins(options.logins());
        JsonNode after = flow.getSandboxJson("/sandbox/stats");

        ObjectNode result = report(run, agentId, before, after);
        out.println("RESULT " + json.writeValueAsString(result));
        out.flush();
        if (run.timedOut()) {
            return 3;
        }
        return run.failed() == 0 ? 0 : 1;
    }

    /** What a run of logins did. */
    private record Run(
            List<LoginAttempt> attempts, long step1Nanos, long step3Nanos, long totalNanos, boolean timedOut) {

        int succeeded() {
            return (int) attempts.stream().filter(a -> a.succeeded).count();
        }

        int failed() {
            return attempts.size() - succeeded();
        }
    }

    private Run runLogins(int count) {
        List<LoginAttempt> all = new ArrayList<>(count);
        long step1 = 0;
        long step3 = 0;
        long start = System.nanoTime();
        boolean timedOut = false;
        try {
            for (int done = 0; done < count; ) {
                int size = Math.min(options.batch(), count - done);
                List<LoginAttempt> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(new LoginAttempt(users.get(Math.floorMod(userCursor.getAndIncrement(), users.size()))));
                }
                all.addAll(batch);
                done += size;
                step1 += phase(batch, flow::authorizeUrl);
                phase(alive(batch), flow::mintCode);
                step3 += phase(alive(batch), flow::login);
            }
        } catch (TimeoutException e) {
            timedOut = true;
        }
        // Logins the time limit cut off (never started or interrupted) count neither as successes nor failures.
        List<LoginAttempt> attempted =
                all.stream().filter(a -> a.succeeded || a.failureKey != null).toList();
        return new Run(attempted, step1, step3, System.nanoTime() - start, timedOut);
    }

    private static List<LoginAttempt> alive(List<LoginAttempt> batch) {
        return batch.stream().filter(LoginAttempt::alive).toList();
    }

    /** Runs {@code task} over {@code items} with the configured concurrency; returns the phase's wall time. */
    private long phase(List<LoginAttempt> items, Consumer<LoginAttempt> task) throws TimeoutException {
        if (items.isEmpty()) {
            return 0;
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

    private ObjectNode report(Run run, String agentId, JsonNode before, JsonNode after) {
        int ok = run.succeeded();
        long[] loginLatencies = run.attempts().stream()
                .filter(a -> a.succeeded)
                .mapToLong(a -> a.loginNanos)
                .toArray();
        long[] authorizeLatencies = run.attempts().stream()
                .filter(a -> a.authorizeUrlNanos >= 0)
                .mapToLong(a -> a.authorizeUrlNanos)
                .toArray();
        Percentiles.Summary login = Percentiles.summarize(loginLatencies);
        Percentiles.Summary authorize = Percentiles.summarize(authorizeLatencies);
        double loginsPerSecond = perSecond(ok, run.step3Nanos());
        double flowPerSecond = perSecond(ok, run.step1Nanos() + run.step3Nanos());
        Map<String, Long> calls = delta(before.path("calls"), after.path("calls"));
        Map<String, Long> upstreamErrors = errorDelta(before.path("errors"), after.path("errors"));
        long totalCalls = calls.values().stream().mapToLong(Long::longValue).sum();

        out.println();
        out.printf(
                Locale.ROOT, "%-34s %10d%n", "logins attempted", run.attempts().size());
        out.printf(Locale.ROOT, "%-34s %10d%n", "logins succeeded", ok);
        out.printf(Locale.ROOT, "%-34s %10d%n", "logins failed", run.failed());
        if (run.timedOut()) {
            out.printf(
                    Locale.ROOT,
                    "%-34s %s%n",
                    "TIMED OUT",
                    "stopped after " + options.timeout().toSeconds() + " s; figures are partial");
        }
        out.printf(
                Locale.ROOT,
                "%-34s %10.1f logins/s   (phase wall time %.2f s)%n",
                "login, step 3",
                loginsPerSecond,
                run.step3Nanos() / 1e9);
        out.printf(
                Locale.ROOT,
                "%-34s %10.1f logins/s   (phase wall time %.2f s)%n",
                "whole flow, steps 1+3",
                flowPerSecond,
                (run.step1Nanos() + run.step3Nanos()) / 1e9);
        out.printf(
                Locale.ROOT,
                "%-34s %10.2f s (incl. step 2, the sandbox minting codes)%n",
                "measured run wall time",
                run.totalNanos() / 1e9);
        out.println();
        out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %9s%n", "latency (ms)", "p50", "p90", "p99", "max", "mean");
        printLatency("login, step 3", login);
        printLatency("authorize-url, step 1", authorize);
        printFailures(run);
        out.println();
        out.println("upstream calls per successful login (sandbox /sandbox/stats, measured run only)");
        calls.forEach((path, n) -> out.printf(
                Locale.ROOT, "  %-32s %10.3f   (%d calls)%n", path, ok == 0 ? Double.NaN : (double) n / ok, n));
        out.printf(
                Locale.ROOT,
                "  %-32s %10.3f   (%d calls)%n",
                "total",
                ok == 0 ? Double.NaN : (double) totalCalls / ok,
                totalCalls);
        if (!upstreamErrors.isEmpty()) {
            out.println("upstream error answers during the measured run");
            upstreamErrors.forEach((key, n) -> out.printf(Locale.ROOT, "  %-32s %10d%n", key, n));
        }
        out.println();

        ObjectNode result = json.createObjectNode();
        result.put("gateway", options.gateway().toString());
        result.put("sandbox", options.sandbox().toString());
        result.put("agentid", agentId);
        result.put("users", users.size());
        result.put("concurrency", options.concurrency());
        result.put("warmup", options.warmup());
        result.put("logins_requested", options.logins());
        result.put("logins_attempted", run.attempts().size());
        result.put("logins_succeeded", ok);
        result.put("logins_failed", run.failed());
        result.put("timed_out", run.timedOut());
        result.put("logins_per_second", round(loginsPerSecond, 1));
        result.put("flow_logins_per_second", round(flowPerSecond, 1));
        result.put("step3_wall_seconds", round(run.step3Nanos() / 1e9, 3));
        result.put("flow_wall_seconds", round((run.step1Nanos() + run.step3Nanos()) / 1e9, 3));
        result.put("run_wall_seconds", round(run.totalNanos() / 1e9, 3));
        result.set("latency_ms", latencyJson(login));
        result.set("authorize_url_latency_ms", latencyJson(authorize));
        ObjectNode failures = result.putObject("failures");
        failureCounts(run).forEach(failures::put);
        ObjectNode perLogin = result.putObject("upstream_calls_per_login");
        calls.forEach((path, n) -> perLogin.put(path, ok == 0 ? 0 : round((double) n / ok, 4)));
        perLogin.put("total", ok == 0 ? 0 : round((double) totalCalls / ok, 4));
        ObjectNode callCounts = result.putObject("upstream_calls");
        calls.forEach(callCounts::put);
        ObjectNode errors = result.putObject("upstream_errors");
        upstreamErrors.forEach(errors::put);
        return result;
    }

    private void printLatency(String label, Percentiles.Summary s) {
        if (s.count() == 0) {
            out.printf(Locale.ROOT, "%-34s %9s%n", label, "(none)");
            return;
        }
        out.printf(
                Locale.ROOT,
                "%-34s %9.2f %9.2f %9.2f %9.2f %9.2f%n",
                label,
                s.p50() / 1e6,
                s.p90() / 1e6,
                s.p99() / 1e6,
                s.max() / 1e6,
                s.mean() / 1e6);
    }

    private void printFailures(Run run) {
        Map<String, Long> counts = failureCounts(run);
        if (counts.isEmpty()) {
            return;
        }
        Map<String, String> samples = new TreeMap<>();
        run.attempts().stream()
                .filter(a -> a.failureKey != null)
                .forEach(a -> samples.putIfAbsent(a.failureKey, a.failureSample));
        out.println();
        out.println("failures by step and HTTP status");
        counts.forEach((key, n) -> {
            out.printf(Locale.ROOT, "  %-32s %10d%n", key, n);
            out.printf(Locale.ROOT, "      e.g. %s%n", LoginFlowClient.abbreviate(samples.get(key)));
        });
    }

    private static Map<String, Long> failureCounts(Run run) {
        Map<String, Long> counts = new TreeMap<>();
        run.attempts().stream()
                .filter(a -> a.failureKey != null)
                .forEach(a -> counts.merge(a.failureKey, 1L, Long::sum));
        return counts;
    }

    private ObjectNode latencyJson(Percentiles.Summary s) {
        ObjectNode node = json.createObjectNode();
        node.put("count", s.count());
        node.put("p50", round(s.p50() / 1e6, 3));
        node.put("p90", round(s.p90() / 1e6, 3));
        node.put("p99", round(s.p99() / 1e6, 3));
        node.put("max", round(s.max() / 1e6, 3));
        node.put("mean", round(s.mean() / 1e6, 3));
        return node;
    }

    /** Every member of the fixture that can sign in ({@code status} 1), from {@code members} or {@code corp.members}. */
    static List<String> activeMembers(JsonNode fixture) {
        JsonNode members = fixture.path("members");
        if (!members.isArray()) {
            members = fixture.path("corp").path("members");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode member : members) {
            JsonNode status = member.get("status");
            JsonNode userid = member.get("userid");
            if (userid != null && userid.isString() && (status == null || status.asInt() == 1)) {
                ids.add(userid.asString());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the sandbox fixture lists no active member; give --users");
        }
        return ids;
    }

    static String firstAgentId(JsonNode fixture) {
        JsonNode apps = fixture.path("apps");
        if (!apps.isArray()) {
            apps = fixture.path("corp").path("apps");
        }
        for (JsonNode app : apps) {
            JsonNode agentId = app.get("agentid");
            if (agentId != null && !agentId.isNull()) {
                return agentId.asString();
            }
        }
        throw new IllegalStateException("the sandbox fixture lists no app; give --agentid");
    }

    /** {@code after - before} per key of two {@code {"path": n}} objects, dropping zeros; sorted by key. */
    static Map<String, Long> delta(JsonNode before, JsonNode after) {
        Map<String, Long> result = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : after.properties()) {
            long d = e.getValue().asLong() - before.path(e.getKey()).asLong(0);
            if (d != 0) {
                result.put(e.getKey(), d);
            }
        }
        return result;
    }

    private static Map<String, Long> errorDelta(JsonNode before, JsonNode after) {
        Map<String, Long> result = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : after.properties()) {
            delta(before.path(path.getKey()), path.getValue())
                    .forEach((key, n) -> result.put(path.getKey() + " " + key, n));
        }
        return result;
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
