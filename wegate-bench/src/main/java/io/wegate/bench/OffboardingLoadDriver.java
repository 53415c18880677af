package io.wegate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Offboarding under load (issue 10): N live logins of one member, each with a session at every one of R relying
 * parties (OIDC clients registered through the admin API, each with a loopback back-channel logout receiver); then
 * the sandbox's administrator disables the member, and the driver times, from just before that request, the arrival
 * of every logout token (p50/p90/p99/max, the last one), and counts duplicates and missing ones. Then it re-enables
 * the member and drives E hide/show changes of the member's visibility to one app, each one event, and measures how
 * many events per second wegate's receiver answers — as the sandbox delivers them: one at a time, in order, so this
 * is the sequential rate (a real corp's delivery concurrency is not documented).
 *
 * <p>The logins are made untimed. wegate's own figures ({@code wegate_offboarding_latency_seconds},
 * {@code wegate_backchannel_deliveries_total}, {@code wegate_callback_events_total}) are read from
 * {@code /actuator/prometheus} before and after when the management password is given. Prints a report and one
 * {@code RESULT {json}} line.
 */
public final class OffboardingLoadDriver {

    private static final Duration POLL = Duration.ofMillis(20);

    private final OffboardingBenchOptions options;
    private final HttpClient http;
    private final WegateBrowser browser;
    private final JsonMapper json = JsonMapper.builder().build();

    OffboardingLoadDriver(OffboardingBenchOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.browser = new WegateBrowser(http, options.issuer(), options.sandbox());
    }

    public static void main(String[] args) throws Exception {
        OffboardingBenchOptions options;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.print(OffboardingBenchOptions.USAGE);
                return;
            }
            options = OffboardingBenchOptions.parse(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.print(OffboardingBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        ObjectNode result = new OffboardingLoadDriver(options).run();
        System.out.println("RESULT " + result);
        boolean complete = result.get("offboarding").get("missing").asInt() == 0
                && result.get("logins").get("errors").asInt() == 0
                && (!result.has("events")
                        || result.get("events").get("complete").asBoolean());
        System.exit(complete ? 0 : 1);
    }

    /** A registered relying party. */
    record Client(String clientId, String secret, String redirectUri) {}

    ObjectNode run() throws Exception {
        ObjectNode out = json.createObjectNode();
        try (BackChannelReceivers receivers = new BackChannelReceivers(options.relyingParties())) {
            List<Client> clients = new ArrayList<>();
            for (int r = 0; r < options.relyingParties(); r++) {
                clients.add(register(r, receivers));
            }
            Set<String> expected = ConcurrentHashMap.newKeySet();
            long loginStart = System.nanoTime();
            int[] errors = logins(clients, expected);
            double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%d logins of %s with %d relying parties each made in %.1f s (untimed); %d login errors, first: %s%n",
                    options.logins() - errors[0],
                    options.user(),
                    options.relyingParties(),
                    loginSeconds,
                    errors[0],
                    firstError.get());
            out.putObject("logins")
                    .put("requested", options.logins())
                    .put("errors", errors[0])
                    .put("relying_party_sessions", expected.size())
                    .put("seconds", round(loginSeconds));

            String before = prometheus();
            long baseline = lastDeliveryId();
            long t0 = System.nanoTime();
            member("disable", null);
            long deadline = t0 + Duration.ofSeconds(options.waitSeconds()).toNanos();
            OffboardingTally tally;
            while (true) {
                tally = OffboardingTally.of(expected, receivers.arrivals(), t0);
                if (tally.missing() == 0 || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(POLL);
            }
            // a moment more: a duplicate would arrive now
            Thread.sleep(1000);
            tally = OffboardingTally.of(expected, receivers.arrivals(), t0);
            String after = prometheus();
            out.set("offboarding", offboarding(tally, before, after, deliveriesAfter(baseline)));

            member("enable", null);
            awaitQuietSandbox();
            if (options.events() > 0) {
                out.set("events", events());
            }
        }
        return out;
    }

    private final AtomicReference<String> firstError = new AtomicReference<>();

    /** The logins, untimed: each a fresh browser session, then a code and its exchange at every relying party. */
    private int[] logins(List<Client> clients, Set<String> expected) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < options.concurrency(); c++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < options.logins()) {
                        try {
                            String session = browser.qrLogin(options.user());
                            for (int r = 0; r < clients.size(); r++) {
                                Client client = clients.get(r);
                                String code = browser.authorizationCode(
                                        session, client.clientId(), client.redirectUri(), "openid", "s" + i + "r" + r);
                                String sid = BackChannelReceivers.sid(exchange(client, code));
                                if (sid == null) {
                                    throw new IllegalStateException("an ID token without sid");
                                }
                                expected.add(OffboardingTally.pair(r, sid));
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getMessage());
                        }
                    }
                    return null;
                });
            }
        }
        return new int[] {errors.get()};
    }

    private ObjectNode offboarding(OffboardingTally t, String before, String after, List<String> deliveries) {
        Percentiles.Summary l = t.latency();
        System.out.printf(
                Locale.ROOT,
                "%nOffboarding: disable %s -> %d of %d logout tokens (%d relying parties) in %.3f s"
                        + " (to the last); per token from the event: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " duplicates %d, missing %d, unexpected %d; tokens per sid %s%n",
                options.user(),
                t.delivered(),
                t.expected(),
                options.relyingParties(),
                t.lastNanos() / 1e9,
                l.p50() / 1e6,
                l.p90() / 1e6,
                l.p99() / 1e6,
                l.max() / 1e6,
                t.duplicates(),
                t.missing(),
                t.unexpected(),
                t.tokensPerSid());
        System.out.println("  the sandbox's deliveries of the event: " + deliveries);
        ObjectNode o = json.createObjectNode()
                .put("expected", t.expected())
                .put("received", t.received())
                .put("delivered", t.delivered())
                .put("duplicates", t.duplicates())
                .put("missing", t.missing())
                .put("unexpected", t.unexpected())
                .put("last_ms", round(t.lastNanos() / 1e6))
                .put("p50_ms", round(l.p50() / 1e6))
                .put("p90_ms", round(l.p90() / 1e6))
                .put("p99_ms", round(l.p99() / 1e6))
                .put("max_ms", round(l.max() / 1e6));
        ObjectNode perSid = o.putObject("tokens_per_sid");
        t.tokensPerSid().forEach((tokens, sids) -> perSid.put(Integer.toString(tokens), sids));
        tools.jackson.databind.node.ArrayNode attempts = o.putArray("sandbox_deliveries");
        deliveries.forEach(attempts::add);
        if (before != null && after != null) {
            ObjectNode server = o.putObject("server");
            for (String stage : List.of("logins_ended", "relying_party_notified")) {
                Map<String, String> tag = Map.of("stage", stage);
                double count = delta(before, after, "wegate_offboarding_latency_seconds_count", tag);
                double sum = delta(before, after, "wegate_offboarding_latency_seconds_sum", tag);
                ObjectNode s = server.putObject(stage)
                        .put("count", (long) count)
                        .put("mean_ms", count == 0 ? 0 : round(sum / count * 1e3))
                        .put("p50_ms", round(quantile(after, stage, "0.5") * 1e3))
                        .put("p99_ms", round(quantile(after, stage, "0.99") * 1e3))
                        .put(
                                "max_ms",
                                round(PrometheusText.sum(after, "wegate_offboarding_latency_seconds_max", tag) * 1e3));
                System.out.println("  wegate_offboarding_latency_seconds{stage=" + stage + "}: " + s);
            }
            ObjectNode d = server.putObject("backchannel_deliveries");
            for (String outcome : List.of("delivered", "retry", "given_up")) {
                d.put(outcome, (long)
                        delta(before, after, "wegate_backchannel_deliveries_total", Map.of("outcome", outcome)));
            }
            System.out.println("  wegate_backchannel_deliveries_total (delta): " + d);
        }
        return o;
    }

    /** E hide/show changes, one event each, from the first request until the sandbox has every one answered 200. */
    private ObjectNode events() throws Exception {
        String before = prometheus();
        long baseline = lastDeliveryId();
        long start = System.nanoTime();
        for (int i = 0; i < options.events(); i++) {
            member(i % 2 == 0 ? "hide" : "show", options.eventAgentId());
        }
        double requestSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = start + Duration.ofSeconds(options.waitSeconds()).toNanos();
        EventDeliveries d;
        while (true) {
            d = EventDeliveries.of(json.readTree(sandboxGet("/sandbox/callbacks")), baseline);
            if (d.delivered() >= options.events() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String after = prometheus();
        boolean complete = d.delivered() >= options.events();
        double perSecond = d.delivered() / seconds;
        System.out.printf(
                Locale.ROOT,
                "%nEvents: %d hide/show changes of %s for agent %s (requests took %.2f s); %d delivered (200) in %.2f s:"
                        + " %.0f events/s, sequential (the sandbox delivers one at a time, in order);"
                        + " %d attempts not answered 200; sandbox's own first-to-last span %.2f s%n",
                options.events(),
                options.user(),
                options.eventAgentId(),
                requestSeconds,
                d.delivered(),
                seconds,
                perSecond,
                d.failedAttempts(),
                d.spanSeconds());
        ObjectNode o = json.createObjectNode()
                .put("requested", options.events())
                .put("delivered", d.delivered())
                .put("failed_attempts", d.failedAttempts())
                .put("complete", complete)
                .put("seconds", round(seconds))
                .put("events_per_s", round(perSecond))
                .put("sandbox_span_seconds", round(d.spanSeconds()))
                .put("delivery", "sequential");
        if (before != null && after != null) {
            double received = delta(before, after, "wegate_callback_events_total", Map.of());
            o.put("server_callback_events", (long) received);
            System.out.printf(Locale.ROOT, "  wegate_callback_events_total (delta): %.0f%n", received);
        }
        return o;
    }

    /** The deliveries of one batch of events as {@code GET /sandbox/callbacks} lists them. */
    record EventDeliveries(int delivered, int failedAttempts, double spanSeconds) {

        /** The attempts of the events queued after delivery {@code baseline}. */
        static EventDeliveries of(JsonNode list, long baseline) {
            Set<Long> ok = new java.util.HashSet<>();
            int failed = 0;
            Instant first = null;
            Instant last = null;
            for (JsonNode d : list.get("deliveries")) {
                if (d.get("id").asLong() <= baseline) {
                    continue;
                }
                Instant at = Instant.parse(d.get("at").asString());
                first = first == null || at.isBefore(first) ? at : first;
                if (d.get("status").asInt() == 200) {
                    ok.add(d.get("id").asLong());
                    last = last == null || at.isAfter(last) ? at : last;
                } else {
                    failed++;
                }
            }
            double span = first == null || last == null
                    ? 0
                    : Duration.between(first, last).toNanos() / 1e9;
            return new EventDeliveries(ok.size(), failed, span);
        }
    }

    private Client register(int r, BackChannelReceivers receivers) throws Exception {
        ObjectNode metadata = json.createObjectNode()
                .put("client_name", "offboarding-bench-" + (r + 1))
                .put("scope", "openid")
                .put("first_party", true)
                .put("backchannel_logout_uri", receivers.backChannelLogoutUri(r));
        metadata.putArray("redirect_uris").add(receivers.redirectUri(r));
        metadata.putArray("grant_types").add("authorization_code");
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(options.issuer() + "/api/v1/admin/clients"))
                        .header("Authorization", "Bearer " + options.adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(metadata.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("registering a client: " + answer.statusCode() + " " + answer.body());
        }
        JsonNode c = json.readTree(answer.body());
        return new Client(c.get("client_id").asString(), c.get("client_secret").asString(), receivers.redirectUri(r));
    }

    /** The ID token of a code exchange. */
    private String exchange(Client client, String code) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((WegateBrowser.enc(client.clientId()) + ":" + WegateBrowser.enc(client.secret()))
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(options.issuer() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                                + WegateBrowser.enc(code) + "&redirect_uri=" + WegateBrowser.enc(client.redirectUri())
                                + "&code_verifier=" + WegateBrowser.VERIFIER))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode idToken =
                answer.statusCode() == 200 ? json.readTree(answer.body()).get("id_token") : null;
        if (idToken == null) {
            throw new IllegalStateException("token: " + answer.statusCode() + " " + answer.body());
        }
        return idToken.asString();
    }

    /** The sandbox's administrator changes the member. */
    private void member(String action, String agentId) throws Exception {
        ObjectNode body = json.createObjectNode().put("userid", options.user()).put("action", action);
        if (agentId != null) {
            body.put("agentid", agentId);
        }
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(options.sandbox() + "/sandbox/members"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sandbox " + action + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /** The id of the last delivery attempt the sandbox recorded (0 without any). */
    private long lastDeliveryId() throws Exception {
        long max = 0;
        for (JsonNode d : json.readTree(sandboxGet("/sandbox/callbacks")).get("deliveries")) {
            max = Math.max(max, d.get("id").asLong());
        }
        return max;
    }

    /** The attempts after {@code baseline}: "receiver event attempt status". */
    private List<String> deliveriesAfter(long baseline) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode d : json.readTree(sandboxGet("/sandbox/callbacks")).get("deliveries")) {
            if (d.get("id").asLong() > baseline) {
                out.add(d.get("receiver").asString() + " " + d.get("event").asString() + " attempt "
                        + d.get("attempt").asInt() + " " + d.get("status").asInt());
            }
        }
        return out;
    }

    /** Waits (up to 30 s) until the sandbox's delivery list has not changed for a second. */
    private void awaitQuietSandbox() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = sandboxGet("/sandbox/callbacks");
        int stable = 0;
        while (stable < 5 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            String now = sandboxGet("/sandbox/callbacks");
            stable = now.equals(last) ? stable + 1 : 0;
            last = now;
        }
    }

    private String sandboxGet(String path) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(options.sandbox() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sandbox " + path + ": " + answer.statusCode());
        }
        return answer.body();
    }

    /** {@code /actuator/prometheus}, or null without the management password. */
    private String prometheus() throws Exception {
        if (options.managementPassword() == null) {
            return null;
        }
        String basic = Base64.getEncoder()
                .encodeToString(("operator:" + options.managementPassword()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(options.issuer() + "/actuator/prometheus"))
                        .header("Authorization", "Basic " + basic)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus: " + answer.statusCode());
        }
        return answer.body();
    }

    private static double delta(String before, String after, String name, Map<String, String> labels) {
        return PrometheusText.sum(after, name, labels) - PrometheusText.sum(before, name, labels);
    }

    private static double quantile(String text, String stage, String q) {
        return PrometheusText.sum(text, "wegate_offboarding_latency_seconds", Map.of("stage", stage, "quantile", q));
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
