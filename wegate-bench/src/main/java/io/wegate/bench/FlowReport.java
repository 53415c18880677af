package io.wegate.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints a flow's table and builds its {@code RESULT} JSON; prints the summary of several flows. */
final class FlowReport {

    private static final String ROW = "%-46s";

    private final PrintStream out;
    private final JsonMapper json;
    private final DriverOptions options;
    private final ProcessCpu cpu;

    FlowReport(PrintStream out, JsonMapper json, DriverOptions options, ProcessCpu cpu) {
        this.out = out;
        this.json = json;
        this.options = options;
        this.cpu = cpu;
    }

    /**
     * Prints the table of a measured run and returns its {@code RESULT} object.
     *
     * @param lifetimes what {@code --token-lifetimes} measured, or {@code null} when the clock was not moved for it
     */
    ObjectNode report(
            LoginFlow flow,
            BatchRunner.Run run,
            JsonNode before,
            JsonNode after,
            TokenLifetimes lifetimes,
            Completions completions) {
        int ok = run.succeeded();
        Percentiles.Summary login = Percentiles.summarize(run.attempts().stream()
                .filter(a -> a.succeeded)
                .mapToLong(a -> a.loginNanos)
                .toArray());
        Percentiles.Summary start = Percentiles.summarize(run.attempts().stream()
                .filter(a -> a.startNanos >= 0)
                .mapToLong(a -> a.startNanos)
                .toArray());
        double loginsPerSecond = perSecond(ok, run.loginNanos());
        double flowPerSecond = perSecond(ok, run.startNanos() + run.loginNanos());
        Map<String, Long> calls = delta(before.path("calls"), after.path("calls"));
        Map<String, Long> upstreamErrors = errorDelta(before.path("errors"), after.path("errors"));
        long totalCalls = calls.values().stream().mapToLong(Long::longValue).sum();
        int lifetimeSeconds = lifetimes == null ? 0 : lifetimes.covered() * lifetimes.secondsPerLifetime();
        int clockSeconds = run.clockSecondsAdvanced() + lifetimeSeconds;
        List<Instance> instances = instances(run);

        out.println();
        row("logins attempted", "%10d%n", run.attempts().size());
        row("logins succeeded", "%10d%n", ok);
        row("logins failed", "%10d%n", run.failed());
        if (run.timedOut()) {
            row(
                    "TIMED OUT",
                    "stopped after %d s; figures are partial%n",
                    options.timeout().toSeconds());
        }
        row(
                "login: " + flow.loginStep(),
                "%10.1f logins/s   (phase wall time %.2f s)%n",
                loginsPerSecond,
                run.loginNanos() / 1e9);
        if (flow.startStep() != null) {
            row(
                    "whole flow: start + login",
                    "%10.1f logins/s   (phase wall time %.2f s)%n",
                    flowPerSecond,
                    (run.startNanos() + run.loginNanos()) / 1e9);
        }
        row("measured run wall time", "%10.2f s (incl. the sandbox minting codes)%n", run.totalNanos() / 1e9);
        if (run.clockSecondsAdvanced() > 0) {
            row(
                    "sandbox clock moved on",
                    "%10d s (%d s before each batch: jscode2session's per-user minute quota)%n",
                    run.clockSecondsAdvanced(),
                    BatchRunner.CLOCK_STEP_SECONDS);
        }
        if (lifetimeSeconds > 0) {
            row(
                    "sandbox clock moved on",
                    "%10d s (%d s before each of %d segments: one app-token lifetime each)%n",
                    lifetimeSeconds,
                    lifetimes.secondsPerLifetime(),
                    lifetimes.covered());
        }
        out.println();
        row("latency (ms)", "%9s %9s %9s %9s %9s %9s%n", "p50", "p90", "p99", "p99.9", "max", "mean");
        printLatency("login: " + flow.loginStep(), login);
        if (flow.startStep() != null) {
            printLatency("start: " + flow.startStep(), start);
        }
        printFailures(run);
        if (options.gateways().size() > 1) {
            printInstances(flow, instances);
        }
        if (lifetimes != null) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "app-token calls per token lifetime (%s, measured run only, warm-up's cold fetch left out)%n",
                    lifetimes.path());
            row(
                    "token lifetimes covered",
                    "%10d   (clock moved on %d s before each segment of logins)%n",
                    lifetimes.covered(),
                    lifetimes.secondsPerLifetime());
            row(
                    "calls during the measured run",
                    "%10d   (per lifetime, in order: %s)%n",
                    lifetimes.calls(),
                    lifetimes.callsPerLifetime());
            row(
                    "calls per token lifetime",
                    "%10.2f%s%n",
                    lifetimes.callsPerLifetimeAverage(),
                    options.gateways().size() > 1
                            ? "   (all " + options.gateways().size() + " instances together)"
                            : "");
        }
        Arrivals arrivals = run.arrivals();
        if (arrivals != null) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "driver's own schedule (%s): send lag p50 %.3f ms, p99 %.3f ms, max %.3f ms over %d sends%n",
                    arrivals.mode(),
                    arrivals.sendLag().p50() / 1e6,
                    arrivals.sendLag().p99() / 1e6,
                    arrivals.sendLag().max() / 1e6,
                    arrivals.sent());
            if (arrivals.mode().equals("rate")) {
                out.printf(
                        Locale.ROOT,
                        "  achieved send rate %.1f/s of %.1f/s%s%n",
                        arrivals.achievedRate(),
                        arrivals.requestedRate(),
                        arrivals.saturated()
                                ? "   SATURATED: the driver fell behind its schedule (below 95 % of the rate, or send"
                                        + " lag p99 above 5 ms); the latencies include its own delay"
                                : "");
            }
        }
        long firstSuccess = run.attempts().stream()
                .filter(a -> a.succeeded && a.doneEpochMillis > 0)
                .mapToLong(a -> a.doneEpochMillis)
                .min()
                .orElse(0);
        if (completions.after() > 0) {
            out.printf(
                    Locale.ROOT,
                    "tokens invalidated: %s%n",
                    completions.acted()
                            ? "after " + completions.after() + " logins had completed"
                                    + (completions.failure() == null ? "" : ", but " + completions.failure())
                            : "no (fewer than " + completions.after() + " logins completed)");
        }
        out.println();
        out.println("upstream calls per successful login (sandbox /sandbox/stats, measured run only)");
        calls.forEach((path, n) -> out.printf(
                Locale.ROOT, "  %-38s %10.3f   (%d calls)%n", path, ok == 0 ? Double.NaN : (double) n / ok, n));
        out.printf(
                Locale.ROOT,
                "  %-38s %10.3f   (%d calls)%n",
                "total",
                ok == 0 ? Double.NaN : (double) totalCalls / ok,
                totalCalls);
        if (!upstreamErrors.isEmpty()) {
            out.println("upstream error answers during the measured run");
            upstreamErrors.forEach((key, n) -> out.printf(Locale.ROOT, "  %-38s %10d%n", key, n));
        }
        ProcessCpu.Figures cpuFigures =
                ProcessCpu.Figures.of(run.loginTicks(), run.startTicks(), run.totalTicks(), ok, options.clockTicks());
        long peakRssKb = cpu.peakRssKb();
        if (cpu.enabled()) {
            out.println();
            out.printf(Locale.ROOT, "gateway process(es) %s (/proc)%n", cpu.pids());
            row(
                    "CPU s, login phases",
                    "%10.2f   (%.2f per 1,000 logins)%n",
                    cpuFigures.login(),
                    cpuFigures.perThousandLogins());
            if (flow.startStep() != null) {
                row("CPU s, start phases", "%10.2f%n", cpuFigures.start());
            }
            row(
                    "CPU s, whole measured run",
                    "%10.2f   (%.2f outside the phases)%n",
                    cpuFigures.total(),
                    cpuFigures.other());
            row("peak RSS (VmHWM, largest)", "%10d kB%n", peakRssKb);
        }
        out.println();

        ObjectNode result = json.createObjectNode();
        result.put("flow", flow.name());
        result.put("gateway", options.gateway().toString());
        ArrayNode gateways = result.putArray("gateways");
        options.gateways().forEach(g -> gateways.add(g.toString()));
        result.put("cross_instance", options.crossInstance());
        result.put("sandbox", options.sandbox().toString());
        result.put("app", flow.app());
        result.put("users", flow.users().size());
        result.put("start_step", flow.startStep());
        result.put("login_step", flow.loginStep());
        result.put("mode", arrivals == null ? "closed" : arrivals.mode());
        result.put("concurrency", options.concurrency());
        result.put("warmup", options.warmup());
        result.put("logins_requested", options.logins());
        result.put("logins_attempted", run.attempts().size());
        result.put("logins_succeeded", ok);
        result.put("logins_failed", run.failed());
        result.put("timed_out", run.timedOut());
        result.put("logins_per_second", round(loginsPerSecond, 1));
        result.put("flow_logins_per_second", round(flowPerSecond, 1));
        result.put("login_wall_seconds", round(run.loginNanos() / 1e9, 3));
        result.put("flow_wall_seconds", round((run.startNanos() + run.loginNanos()) / 1e9, 3));
        result.put("run_wall_seconds", round(run.totalNanos() / 1e9, 3));
        result.put("sandbox_clock_advanced_seconds", clockSeconds);
        result.set("latency_ms", latencyJson(login));
        if (flow.startStep() != null) {
            result.set("start_latency_ms", latencyJson(start));
        }
        if (arrivals != null) {
            if (arrivals.mode().equals("rate")) {
                result.put("rate_requested", arrivals.requestedRate());
                result.put("achieved_rate", round(arrivals.achievedRate(), 2));
                result.put("saturated", arrivals.saturated());
            } else {
                result.put("burst", arrivals.sent());
            }
            result.set("send_lag_ms", latencyJson(arrivals.sendLag()));
        }
        if (run.windowStartEpochMillis() > 0) {
            result.put("window_start_epoch_ms", run.windowStartEpochMillis());
        }
        if (firstSuccess > 0) {
            result.put("first_success_epoch_ms", firstSuccess);
            result.put("first_success_after_window_ms", Math.max(0, firstSuccess - run.windowStartEpochMillis()));
        }
        ObjectNode failures = result.putObject("failures");
        failureCounts(run).forEach(failures::put);
        run.attempts().stream()
                .filter(a -> a.failureKey != null)
                .findFirst()
                .ifPresent(a -> result.putObject("first_failure")
                        .put("kind", a.failureKey)
                        .put("body", LoginFlowClient.abbreviate(a.failureSample)));
        if (completions.after() > 0) {
            result.put("invalidate_after", completions.after());
            result.put("invalidated", completions.acted() && completions.failure() == null);
            if (completions.failure() != null) {
                result.put("invalidation_error", completions.failure());
            }
        }
        ObjectNode perLogin = result.putObject("upstream_calls_per_login");
        calls.forEach((path, n) -> perLogin.put(path, ok == 0 ? 0 : round((double) n / ok, 4)));
        perLogin.put("total", ok == 0 ? 0 : round((double) totalCalls / ok, 4));
        ObjectNode callCounts = result.putObject("upstream_calls");
        calls.forEach(callCounts::put);
        if (cpu.enabled()) {
            ArrayNode pids = result.putArray("server_pids");
            cpu.pids().forEach(pids::add);
            result.put("cpu_seconds_login", round(cpuFigures.login(), 3));
            if (!Double.isNaN(cpuFigures.perThousandLogins())) {
                result.put("cpu_seconds_per_1000_logins", round(cpuFigures.perThousandLogins(), 3));
            }
            result.put("cpu_seconds_start", round(cpuFigures.start(), 3));
            result.put("cpu_seconds_total", round(cpuFigures.total(), 3));
            result.put("peak_rss_kb", peakRssKb);
        }
        ObjectNode errors = result.putObject("upstream_errors");
        upstreamErrors.forEach(errors::put);
        if (lifetimes != null) {
            ObjectNode node = result.putObject("token_lifetimes");
            node.put("path", lifetimes.path());
            node.put("requested", lifetimes.requested());
            node.put("covered", lifetimes.covered());
            node.put("clock_advanced_seconds_each", lifetimes.secondsPerLifetime());
            node.put("calls", lifetimes.calls());
            ArrayNode each = node.putArray("calls_by_lifetime");
            lifetimes.callsPerLifetime().forEach(each::add);
            node.put(
                    "calls_per_lifetime", lifetimes.covered() == 0 ? 0 : round(lifetimes.callsPerLifetimeAverage(), 3));
        }
        ArrayNode perInstance = result.putArray("instances");
        for (Instance i : instances) {
            ObjectNode node = perInstance.addObject();
            node.put("gateway", i.gateway());
            if (flow.startStep() != null) {
                node.put("starts_ok", i.startsOk());
                node.put("starts_failed", i.startsFailed());
            }
            node.put("logins_succeeded", i.loginsOk());
            node.put("logins_failed", i.loginsFailed());
            node.set("latency_ms", latencyJson(i.latency()));
        }
        return result;
    }

    /** One row per flow, from the {@code RESULT} objects; flows that did not run are listed with the reason. */
    void summary(List<ObjectNode> results, Map<String, String> notRun) {
        out.println("summary (login step only; upstream calls per successful login)");
        out.printf(
                Locale.ROOT,
                "  %-25s %11s %9s %9s %9s %9s %7s %9s  %s%n",
                "flow",
                "ok/tried",
                "logins/s",
                "flow/s",
                "p50 ms",
                "p99 ms",
                "calls",
                "tok/life",
                "per path");
        for (ObjectNode r : results) {
            JsonNode perLogin = r.path("upstream_calls_per_login");
            StringBuilder paths = new StringBuilder();
            for (Map.Entry<String, JsonNode> e : perLogin.properties()) {
                if (!e.getKey().equals("total")) {
                    paths.append(paths.isEmpty() ? "" : ", ")
                            .append(e.getKey())
                            .append(' ')
                            .append(String.format(
                                    Locale.ROOT, "%.3f", e.getValue().asDouble()));
                }
            }
            boolean hasStart = r.hasNonNull("start_step");
            out.printf(
                    Locale.ROOT,
                    "  %-25s %11s %9.1f %9s %9.2f %9.2f %7.3f %9s  %s%n",
                    r.path("flow").asString(),
                    r.path("logins_succeeded").asInt() + "/"
                            + r.path("logins_attempted").asInt(),
                    r.path("logins_per_second").asDouble(),
                    hasStart
                            ? String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    r.path("flow_logins_per_second").asDouble())
                            : "-",
                    r.path("latency_ms").path("p50").asDouble(),
                    r.path("latency_ms").path("p99").asDouble(),
                    perLogin.path("total").asDouble(),
                    r.has("token_lifetimes")
                            ? String.format(
                                    Locale.ROOT,
                                    "%.2f",
                                    r.path("token_lifetimes")
                                            .path("calls_per_lifetime")
                                            .asDouble())
                            : "-",
                    paths);
        }
        notRun.forEach((flow, reason) -> out.printf(Locale.ROOT, "  %-25s not measured: %s%n", flow, reason));
        out.println();
    }

    /**
     * One gateway instance's share of a run: start steps it answered (ok / failed) and login steps it answered (ok /
     * failed, with the latency of the successful ones).
     */
    record Instance(
            String gateway,
            int startsOk,
            int startsFailed,
            int loginsOk,
            int loginsFailed,
            Percentiles.Summary latency) {}

    /** Per instance of {@code --gateway}, in order: what its start and login steps did during {@code run}. */
    List<Instance> instances(BatchRunner.Run run) {
        List<Instance> result = new ArrayList<>();
        for (int i = 0; i < options.gateways().size(); i++) {
            int instance = i;
            int startsOk = 0;
            int startsFailed = 0;
            int loginsOk = 0;
            int loginsFailed = 0;
            List<Long> latencies = new ArrayList<>();
            for (LoginAttempt a : run.attempts()) {
                String failedStep = a.failureKey == null ? "" : a.failureKey.split(" ", 2)[0];
                if (a.startInstance == instance) {
                    if (a.startNanos >= 0) {
                        startsOk++;
                    } else if (failedStep.equals(LoginFlowClient.STEP_START)) {
                        startsFailed++;
                    }
                }
                if (a.loginInstance == instance) {
                    if (a.succeeded) {
                        loginsOk++;
                        latencies.add(a.loginNanos);
                    } else if (failedStep.equals(LoginFlowClient.STEP_LOGIN)) {
                        loginsFailed++;
                    }
                }
            }
            result.add(new Instance(
                    options.gateways().get(i).toString(),
                    startsOk,
                    startsFailed,
                    loginsOk,
                    loginsFailed,
                    Percentiles.summarize(
                            latencies.stream().mapToLong(Long::longValue).toArray())));
        }
        return result;
    }

    private void printInstances(LoginFlow flow, List<Instance> instances) {
        out.println();
        out.printf(
                Locale.ROOT,
                "per instance%s%n",
                options.crossInstance() ? " (--cross-instance: logins started on instance k finish on k+1)" : "");
        out.printf(
                Locale.ROOT,
                "  %-3s %-32s %13s %13s %9s %9s%n",
                "#",
                "gateway",
                flow.startStep() != null ? "start ok/fail" : "",
                "login ok/fail",
                "p50 ms",
                "p99 ms");
        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get(i);
            out.printf(
                    Locale.ROOT,
                    "  %-3d %-32s %13s %13s %9.2f %9.2f%n",
                    i + 1,
                    instance.gateway(),
                    flow.startStep() != null ? instance.startsOk() + "/" + instance.startsFailed() : "",
                    instance.loginsOk() + "/" + instance.loginsFailed(),
                    instance.latency().p50() / 1e6,
                    instance.latency().p99() / 1e6);
        }
    }

    void printFailures(BatchRunner.Run run) {
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
            out.printf(Locale.ROOT, "  %-38s %10d%n", key, n);
            out.printf(Locale.ROOT, "      e.g. %s%n", LoginFlowClient.abbreviate(samples.get(key)));
        });
    }

    private void row(String label, String format, Object... args) {
        out.printf(Locale.ROOT, ROW + " ", label);
        out.printf(Locale.ROOT, format, args);
    }

    private void printLatency(String label, Percentiles.Summary s) {
        if (s.count() == 0) {
            row(label, "%9s%n", "(none)");
            return;
        }
        row(
                label,
                "%9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n",
                s.p50() / 1e6,
                s.p90() / 1e6,
                s.p99() / 1e6,
                s.p999() / 1e6,
                s.max() / 1e6,
                s.mean() / 1e6);
    }

    private static Map<String, Long> failureCounts(BatchRunner.Run run) {
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
        node.put("p999", round(s.p999() / 1e6, 3));
        node.put("max", round(s.max() / 1e6, 3));
        node.put("mean", round(s.mean() / 1e6, 3));
        return node;
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

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
