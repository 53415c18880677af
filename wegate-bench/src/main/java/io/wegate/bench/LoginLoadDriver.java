package io.wegate.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs logins of one or more flows ({@code --flow}, see {@link LoginFlows}) through a running gateway and its
 * sandbox, one flow after the other, and reports per flow throughput, latency, failures and upstream calls per login.
 *
 * <p>One login is: an optional start step on the gateway (the API flow's {@code authorize-url}, a browser flow's
 * {@code GET /login/<flow>} redirect), then {@code POST <sandbox>/sandbox/codes} (the person signing in, not counted),
 * then the login step that exchanges the code on the gateway (the login {@code POST} of an API flow, the callback
 * {@code GET} of a browser flow). The logins run in batches, each step a phase of its own (see {@link BatchRunner}).
 * Latency percentiles are of successful login steps.
 *
 * <p>The measured run is a closed loop by default (the batches above, {@code --concurrency} logins in flight). With
 * {@code --rate R} it is an open loop and with {@code --burst N} one burst (see {@link ArrivalRunner}): every login is
 * prepared first, its latency counts from when it was due, and the driver reports how well it kept to its own
 * schedule ({@link Arrivals}). {@code --invalidate-after N} has the sandbox invalidate every upstream token once N
 * measured logins have completed. With {@code --server-pid} the driver reads the gateway processes' CPU time from
 * {@code /proc} around each timed phase ({@link ProcessCpu}): the login phases' figure excludes the start step.
 *
 * <p>Warm-up logins are run first for each flow and left out. Upstream calls per login come from the sandbox's
 * {@code /sandbox/stats}, read after the flow's warm-up and after its measured run.
 *
 * <p>With several {@code --gateway} URLs (instances of one cluster sharing one sandbox) the logins go round robin
 * across them, and the report adds per-instance counts. For flows whose logins use an upstream app token, {@code
 * --token-lifetimes N} splits the measured logins into N segments and moves the sandbox clock on by the token lifetime
 * before each (outside every timed phase), so that the measured run covers N token lifetimes; the app-token calls
 * during the measured run divided by N is what a gateway (or a whole cluster) fetches per lifetime: 1 when it shares
 * one token, more when instances or threads fetch their own. The warm-up's (cold) fetch is left out.
 *
 * <p>Prints a table and one line {@code RESULT <json>} per flow, and with several flows a summary table. Exit status:
 * 0 when every measured login succeeded, 1 when some failed, 2 for a bad command line, 3 when the overall time limit cut
 * the run short, 4 when a flow could not start (for example, no warm-up login succeeded); with several flows, the
 * highest.
 */
public final class LoginLoadDriver {

    private final DriverOptions options;
    private final ProcessCpu cpu;
    private final PrintStream out;
    private final JsonMapper json = JsonMapper.builder().build();

    LoginLoadDriver(DriverOptions options, ProcessCpu cpu, PrintStream out) {
        this.options = options;
        this.cpu = cpu;
        this.out = out;
    }

    public static void main(String[] args) {
        DriverOptions options;
        ProcessCpu cpu;
        try {
            options = DriverOptions.parse(args);
            cpu = options == null ? null : ProcessCpu.of(Path.of("/proc"), options.serverPids());
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
            status = new LoginLoadDriver(options, cpu, System.out).run();
        } catch (IllegalStateException e) {
            System.err.println("Error: " + e.getMessage());
            status = 4;
        }
        System.out.flush();
        System.exit(status);
    }

    int run() {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        LoginFlowClient client = new LoginFlowClient(LoginFlowClient.newHttpClient(), json, options);
        BatchRunner runner = new BatchRunner(options, client, cpu, deadline);
        FlowReport report = new FlowReport(out, json, options, cpu);
        BenchFixture fixture = BenchFixture.of(client.getSandboxJson("/sandbox/fixture"));
        String agentId = options.agentId() != null ? options.agentId() : fixture.agentId();

        out.printf(
                Locale.ROOT,
                "wegate login load: flows %s; %d logins (+%d warm-up) per flow, %s%n",
                String.join(", ", options.flows()),
                options.logins(),
                options.warmup(),
                options.burst()
                        ? "released at once (--burst)"
                        : options.rate() > 0
                                ? String.format(Locale.ROOT, "open loop at %.1f/s (--rate)", options.rate())
                                : String.format(
                                        Locale.ROOT,
                                        "concurrency %d, batches of %d",
                                        options.concurrency(),
                                        options.batch()));
        if (options.gateways().size() == 1) {
            out.printf(Locale.ROOT, "  gateway  %s%n", options.gateway());
        } else {
            for (int i = 0; i < options.gateways().size(); i++) {
                out.printf(
                        Locale.ROOT,
                        "  gateway  #%d %s%n",
                        i + 1,
                        options.gateways().get(i));
            }
            out.printf(
                    Locale.ROOT,
                    "  routing  round robin; %s%n",
                    options.crossInstance()
                            ? "--cross-instance: each login starts on instance k and finishes on instance k+1"
                            : "both steps of a login on the same instance");
        }
        out.printf(Locale.ROOT, "  sandbox  %s%n", options.sandbox());
        if (cpu.enabled()) {
            out.printf(
                    Locale.ROOT,
                    "  cpu      of process(es) %s, from /proc/PID/stat around each timed phase (%d ticks/s)%n",
                    cpu.pids(),
                    options.clockTicks());
        }
        out.flush();

        List<ObjectNode> results = new ArrayList<>();
        Map<String, String> notRun = new LinkedHashMap<>();
        int status = 0;
        for (String name : options.flows()) {
            if (runner.stopped()) {
                notRun.put(name, "the overall time limit ran out before it");
                status = Math.max(status, 3);
                continue;
            }
            try {
                List<String> users = users(name, fixture);
                LoginFlow flow = LoginFlows.create(name, client, options, agentId, fixture, users);
                ObjectNode result = runFlow(flow, runner, report, client);
                if (result == null) {
                    notRun.put(name, "the overall time limit ran out during the warm-up");
                    status = Math.max(status, 3);
                    continue;
                }
                results.add(result);
                status = Math.max(
                        status,
                        result.path("timed_out").asBoolean()
                                ? 3
                                : result.path("logins_failed").asInt() == 0 ? 0 : 1);
            } catch (IllegalStateException e) {
                if (options.flows().size() == 1) {
                    throw e;
                }
                out.println("Error in flow " + name + ": " + e.getMessage());
                notRun.put(name, e.getMessage());
                status = Math.max(status, 4);
            }
        }
        if (options.flows().size() > 1) {
            report.summary(results, notRun);
        }
        out.flush();
        return status;
    }

    /** {@code --users} / {@code --wechat-users}, or the fixture's members / users that can log in. */
    private List<String> users(String flow, BenchFixture fixture) {
        if (LoginFlows.isWeCom(flow)) {
            List<String> users = options.users().isEmpty() ? fixture.wecomMembers() : options.users();
            if (users.isEmpty()) {
                throw new IllegalStateException("the sandbox fixture lists no active WeCom member; give --users");
            }
            return users;
        }
        List<String> users = options.wechatUsers().isEmpty() ? fixture.wechatUsers() : options.wechatUsers();
        if (users.isEmpty()) {
            throw new IllegalStateException(
                    "the sandbox fixture lists no WeChat user that can log in; give --wechat-users");
        }
        return users;
    }

    /** Warm-up, then the measured run; {@code null} when the time limit ran out during the warm-up. */
    private ObjectNode runFlow(LoginFlow flow, BatchRunner runner, FlowReport report, LoginFlowClient client) {
        out.println();
        out.printf(Locale.ROOT, "== %s ==%n", flow.name());
        out.printf(Locale.ROOT, "  app      %s%n", flow.app());
        out.printf(Locale.ROOT, "  users    %s%n", String.join(",", flow.users()));
        out.printf(
                Locale.ROOT,
                "  steps    %ssandbox codes (not timed), %s (timed: the login)%n",
                flow.startStep() == null ? "" : flow.startStep() + " (timed), ",
                flow.loginStep());
        if (flow.minuteQuota()) {
            int perBatch = runner.batchSize(flow);
            if (runner.advancesClock(flow)) {
                out.printf(
                        Locale.ROOT,
                        "  note     batches of at most %d (%d per user); the sandbox clock is moved on %d s before"
                                + " each batch (POST /sandbox/clock), because jscode2session allows 100 calls per user"
                                + " and minute (45011)%n",
                        perBatch,
                        BatchRunner.MINUTE_QUOTA_PER_USER,
                        BatchRunner.CLOCK_STEP_SECONDS);
            } else if (options.warmup() + options.logins()
                    > BatchRunner.MINUTE_QUOTA_PER_USER * flow.users().size()) {
                out.printf(
                        Locale.ROOT,
                        "  WARNING  --no-advance-clock: %d logins for %d users will pass jscode2session's 100 calls per"
                                + " user and minute unless the run spans several minutes; expect 45011 failures%n",
                        options.warmup() + options.logins(),
                        flow.users().size());
            }
        }
        int lifetimes = flow.appTokenPath() == null || options.arrivals() ? 0 : options.tokenLifetimes();
        if (lifetimes > 0) {
            out.printf(
                    Locale.ROOT,
                    "  note     the measured logins run in %d segments; before each the sandbox clock is moved on %d s"
                            + " (one app-token lifetime, POST /sandbox/clock) to count %s calls per token lifetime%n",
                    lifetimes,
                    LoginFlows.APP_TOKEN_LIFETIME_SECONDS,
                    flow.appTokenPath());
        }
        out.flush();

        AtomicInteger userCursor = new AtomicInteger();
        if (options.warmup() > 0) {
            BatchRunner.Run warm = runner.run(flow, options.warmup(), userCursor);
            out.printf(
                    Locale.ROOT,
                    "warm-up: %d ok, %d failed in %.1f s%n",
                    warm.succeeded(),
                    warm.failed(),
                    warm.totalNanos() / 1e9);
            if (warm.failed() > 0 && warm.succeeded() > 0) {
                report.printFailures(warm);
            }
            if (warm.timedOut()) {
                out.println("the overall time limit ran out during the warm-up");
                return null;
            }
            if (warm.succeeded() == 0) {
                report.printFailures(warm);
                throw new IllegalStateException("no warm-up login of " + flow.name()
                        + " succeeded; is the gateway running in sandbox mode on this sandbox?");
            }
        }

        JsonNode before = client.getSandboxJson("/sandbox/stats");
        Completions completions = options.invalidateAfter() == 0
                ? Completions.none()
                : new Completions(
                        options.invalidateAfter(),
                        () -> client.postSandboxJson(
                                "/sandbox/faults", client.object().put("type", "invalidate-tokens")));
        if (options.invalidateAfter() > 0) {
            out.printf(
                    Locale.ROOT,
                    "  note     after %d measured logins have completed the sandbox invalidates every access token"
                            + " (POST /sandbox/faults {\"type\":\"invalidate-tokens\"})%n",
                    options.invalidateAfter());
        }
        if (options.arrivals()) {
            out.printf(
                    Locale.ROOT,
                    options.burst()
                            ? "  mode     burst: %d logins prepared (start step, code), then released at once;"
                                    + " latency from the release%n"
                            : "  mode     open loop: %d logins prepared (start step, code), then one due every %.3f ms"
                                    + " (%.1f/s), each on its own thread; latency from when it was due%n",
                    options.logins(),
                    1000 / options.rate(),
                    options.rate());
            out.flush();
        }
        BatchRunner.Run run;
        TokenLifetimes tokenLifetimes = null;
        if (options.arrivals()) {
            run = new ArrivalRunner(options, runner, cpu).run(flow, options.logins(), userCursor, completions);
        } else if (lifetimes == 0) {
            run = runner.run(flow, options.logins(), userCursor, completions);
        } else {
            run = BatchRunner.Run.empty(false);
            List<Long> calls = new ArrayList<>();
            JsonNode mark = before;
            for (int size : TokenLifetimes.segments(options.logins(), lifetimes)) {
                if (runner.stopped()) {
                    run = run.plus(BatchRunner.Run.empty(true));
                    break;
                }
                // Every token the gateway holds is now expired upstream: the next call with it answers 42001.
                client.postSandboxJson(
                        "/sandbox/clock",
                        client.object().put("advance_seconds", LoginFlows.APP_TOKEN_LIFETIME_SECONDS));
                BatchRunner.Run segment = runner.run(flow, size, userCursor);
                JsonNode now = client.getSandboxJson("/sandbox/stats");
                calls.add(
                        FlowReport.delta(mark.path("calls"), now.path("calls")).getOrDefault(flow.appTokenPath(), 0L));
                mark = now;
                run = run.plus(segment);
                if (segment.timedOut()) {
                    break;
                }
            }
            tokenLifetimes =
                    new TokenLifetimes(flow.appTokenPath(), lifetimes, calls, LoginFlows.APP_TOKEN_LIFETIME_SECONDS);
        }
        JsonNode after = client.getSandboxJson("/sandbox/stats");
        ObjectNode result = report.report(flow, run, before, after, tokenLifetimes, completions);
        out.println("RESULT " + json.writeValueAsString(result));
        out.flush();
        return result;
    }
}
