package io.wegate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load on an OpenID Connect provider's token endpoints, closed loop (fixed concurrency): authorization-code
 * exchanges, refreshes (each caller rotates its own refresh token), introspections and UserInfo calls per second,
 * with p50/p90/p99/max. The person logs in once (untimed); the codes are obtained from {@code /oauth2/authorize}
 * with that session in batches outside the timed windows (a code lives 60 s at wegate), so only the token calls
 * are timed. Runs the same against wegate and against Spring Authorization Server with its defaults.
 *
 * <p>Prints a table and one {@code RESULT} line per scenario for scripts.
 */
public final class OidcTokenLoadDriver {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    /**
     * Codes per mint-then-exchange round: under 100, because Spring Authorization Server's in-memory default keeps at
     * most 100 authorizations whose code is not yet exchanged and silently drops older ones (its codes then fail with
     * {@code invalid_grant}); and far from wegate's 60 s code lifetime. The same for every contender.
     */
    private static final int CODE_BATCH = 90;

    private final OidcBenchOptions options;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String basic;
    private final WegateBrowser browser;
    private String sessionCookie;

    OidcTokenLoadDriver(OidcBenchOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.browser = new WegateBrowser(http, options.issuer(), options.sandbox());
        this.basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((enc(options.clientId()) + ":" + enc(options.clientSecret()))
                                .getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        OidcBenchOptions options;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.print(OidcBenchOptions.USAGE);
                return;
            }
            options = OidcBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.print(OidcBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        List<Result> results = new OidcTokenLoadDriver(options).run();
        System.out.printf(
                "%n%-28s %-11s %7s %9s %8s %8s %8s %8s %6s%n",
                "contender", "scenario", "ops", "ops/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        for (Result r : results) {
            System.out.printf(
                    "%-28s %-11s %7d %9.1f %8.2f %8.2f %8.2f %8.2f %6d%n",
                    options.label(),
                    r.scenario(),
                    r.latency().count(),
                    r.perSecond(),
                    ms(r.latency().p50()),
                    ms(r.latency().p90()),
                    ms(r.latency().p99()),
                    ms(r.latency().max()),
                    r.errors());
        }
        for (Result r : results) {
            System.out.println(r.resultLine(options.label()));
        }
        if (results.stream().anyMatch(r -> r.errors() > 0)) {
            System.exit(1);
        }
    }

    /** One scenario's outcome. {@code perSecond} counts successful operations over the timed windows. */
    record Result(String scenario, Percentiles.Summary latency, double perSecond, int errors, String firstError) {

        String resultLine(String label) {
            return String.format(
                    java.util.Locale.ROOT,
                    "RESULT contender=%s scenario=%s ops=%d ops_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
                            + " max_ms=%.2f errors=%d%s",
                    label.replace(' ', '_'),
                    scenario,
                    latency.count(),
                    perSecond,
                    ms(latency.p50()),
                    ms(latency.p90()),
                    ms(latency.p99()),
                    ms(latency.max()),
                    errors,
                    firstError == null ? "" : " first_error=" + firstError.replaceAll("\\s+", " "));
        }
    }

    List<Result> run() throws Exception {
        sessionCookie = options.login().equals("wegate") ? wegateSession() : formSession();
        List<Result> results = new ArrayList<>();
        int needed = options.warmup() + options.ops();
        // the tokens of the exchanges: the later scenarios use them
        ConcurrentLinkedQueue<JsonNode> issued = new ConcurrentLinkedQueue<>();
        // every scenario needs tokens, so the exchanges always run; reported when asked for
        Result code = exchanges(needed + options.concurrency(), issued);
        if (options.scenarios().contains("code")) {
            results.add(code);
        }
        List<JsonNode> all = new ArrayList<>(issued);
        if (all.isEmpty()) {
            throw new IllegalStateException("no code exchange succeeded; nothing to refresh or introspect");
        }
        if (options.scenarios().contains("refresh")) {
            results.add(refreshes(all));
        }
        // a refresh replaces its authorization's access token: introspection and UserInfo use the others
        List<JsonNode> tokens =
                all.size() > options.concurrency() ? all.subList(options.concurrency(), all.size()) : all;
        if (options.scenarios().contains("introspect")) {
            results.add(timed(
                    "introspect",
                    needed,
                    i -> form(
                            "/oauth2/introspect",
                            "token="
                                    + enc(tokens.get(i % tokens.size())
                                            .get("access_token")
                                            .asString()),
                            true)));
        }
        if (options.scenarios().contains("userinfo")) {
            results.add(timed(
                    "userinfo",
                    needed,
                    i -> HttpRequest.newBuilder(url("/userinfo"))
                            .header(
                                    "Authorization",
                                    "Bearer "
                                            + tokens.get(i % tokens.size())
                                                    .get("access_token")
                                                    .asString())
                            .GET()
                            .build()));
        }
        return results;
    }

    /** Code exchanges: codes minted in batches (untimed), each batch exchanged timed. */
    private Result exchanges(int total, ConcurrentLinkedQueue<JsonNode> issued) throws Exception {
        List<Long> samples = new ArrayList<>();
        long timedNanos = 0;
        int ok = 0;
        int errors = 0;
        String firstError = null;
        int done = 0;
        while (done < total) {
            int n = Math.min(CODE_BATCH, total - done);
            List<String> codes = mintCodes(n);
            int warm = Math.max(0, Math.min(n, options.warmup() - done));
            Phase phase = phase(
                    codes.size(),
                    i -> form(
                            "/oauth2/token",
                            "grant_type=authorization_code&code=" + enc(codes.get(i)) + "&redirect_uri="
                                    + enc(options.redirectUri()) + "&code_verifier=" + WegateBrowser.VERIFIER,
                            true),
                    body -> issued.add(json.readTree(body)));
            for (int i = warm; i < codes.size(); i++) {
                if (phase.latencies[i] >= 0) {
                    samples.add(phase.latencies[i]);
                }
            }
            if (warm < codes.size()) {
                timedNanos += phase.wallNanos;
                ok += phase.ok.get() - Math.min(warm, phase.ok.get());
                errors += phase.errors.get();
                if (firstError == null) {
                    firstError = phase.firstError.get();
                }
            }
            done += n;
        }
        return result("code", samples, ok, timedNanos, errors, firstError);
    }

    /** Refreshes: each caller holds one refresh token and rotates it, as a relying party does. */
    private Result refreshes(List<JsonNode> tokens) throws Exception {
        int callers = Math.min(options.concurrency(), tokens.size());
        String[] current = new String[callers];
        for (int c = 0; c < callers; c++) {
            current[c] = tokens.get(c).get("refresh_token").asString();
        }
        int warm = options.warmup();
        int total = warm + options.ops();
        long[] latencies = new long[total];
        java.util.Arrays.fill(latencies, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[] timedStart = {0};
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < callers; c++) {
                int caller = c;
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        if (i == warm) {
                            timedStart[0] = System.nanoTime();
                        }
                        HttpRequest request = form(
                                "/oauth2/token",
                                "grant_type=refresh_token&refresh_token=" + enc(current[caller]),
                                true);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            long t = System.nanoTime() - t0;
                            if (r.statusCode() == 200) {
                                current[caller] = json.readTree(r.body())
                                        .get("refresh_token")
                                        .asString();
                                latencies[i] = t;
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, r.statusCode() + " " + r.body());
                                return;
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                            return;
                        }
                    }
                });
            }
        }
        long end = System.nanoTime();
        List<Long> samples = new ArrayList<>();
        for (int i = warm; i < total; i++) {
            if (latencies[i] >= 0) {
                samples.add(latencies[i]);
            }
        }
        long window = end - (timedStart[0] == 0 ? start : timedStart[0]);
        return result("refresh", samples, samples.size(), window, errors.get(), firstError.get());
    }

    /** A scenario of independent calls: the first {@code warmup} untimed. */
    private Result timed(String scenario, int total, IntFunction<HttpRequest> request) throws Exception {
        int warm = options.warmup();
        if (warm > 0) {
            phase(warm, request, body -> {});
        }
        Phase phase = phase(total - warm, i -> request.apply(warm + i), body -> {});
        List<Long> samples = new ArrayList<>();
        for (long l : phase.latencies) {
            if (l >= 0) {
                samples.add(l);
            }
        }
        return result(scenario, samples, phase.ok.get(), phase.wallNanos, phase.errors.get(), phase.firstError.get());
    }

    private static final class Phase {
        long[] latencies;
        long wallNanos;
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
    }

    private interface BodyConsumer {
        void accept(String body) throws Exception;
    }

    /** {@code n} calls at the configured concurrency; latencies of failed calls are -1. */
    private Phase phase(int n, IntFunction<HttpRequest> request, BodyConsumer onOk) throws Exception {
        Phase phase = new Phase();
        phase.latencies = new long[n];
        java.util.Arrays.fill(phase.latencies, -1);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < options.concurrency(); c++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        HttpRequest r = request.apply(i);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
                            long t = System.nanoTime() - t0;
                            if (answer.statusCode() == 200 && activeIfIntrospection(r, answer.body())) {
                                phase.latencies[i] = t;
                                phase.ok.incrementAndGet();
                                onOk.accept(answer.body());
                            } else {
                                phase.errors.incrementAndGet();
                                phase.firstError.compareAndSet(null, answer.statusCode() + " " + answer.body());
                            }
                        } catch (Exception e) {
                            phase.errors.incrementAndGet();
                            phase.firstError.compareAndSet(null, e.toString());
                        }
                    }
                    return null;
                });
            }
        }
        phase.wallNanos = System.nanoTime() - start;
        return phase;
    }

    /** An introspection that answers {@code active: false} for a live token is an error, not a fast answer. */
    private boolean activeIfIntrospection(HttpRequest r, String body) {
        if (!r.uri().getPath().endsWith("/introspect")) {
            return true;
        }
        return body.contains("\"active\":true");
    }

    private Result result(String scenario, List<Long> samples, int ok, long windowNanos, int errors, String first) {
        long[] array = samples.stream().mapToLong(Long::longValue).toArray();
        double perSecond = windowNanos <= 0 ? 0 : ok / (windowNanos / 1e9);
        return new Result(scenario, Percentiles.summarize(array), perSecond, errors, first);
    }

    /** {@code n} authorization codes from {@code /oauth2/authorize} with the person's session (untimed). */
    private List<String> mintCodes(int n) throws Exception {
        String[] codes = new String[n];
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < options.concurrency(); c++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        try {
                            codes[i] = browser.authorizationCode(
                                    sessionCookie,
                                    options.clientId(),
                                    options.redirectUri(),
                                    "openid profile",
                                    "s" + i + "x" + System.nanoTime());
                        } catch (Exception e) {
                            failure.compareAndSet(null, e.getMessage());
                            return null;
                        }
                    }
                    return null;
                });
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return List.of(codes);
    }

    /** A WeCom QR login through wegate (the sandbox scans): the WEGATE_SESSION cookie. */
    private String wegateSession() throws Exception {
        return browser.qrLogin(options.user());
    }

    /** Spring Security's default form login: the session cookie after {@code POST /login}. */
    private String formSession() throws Exception {
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(url("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        String cookie = cookie(page, "JSESSIONID");
        if (page.statusCode() != 200 || !csrf.find() || cookie == null) {
            throw new IllegalStateException("form login page: " + page.statusCode());
        }
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(options.username()) + "&password="
                                + enc(options.password()) + "&_csrf=" + enc(csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String session = cookie(login, "JSESSIONID");
        if (login.statusCode() != 302
                || login.headers().firstValue("location").orElse("").contains("error")) {
            throw new IllegalStateException("form login: " + login.statusCode() + " "
                    + login.headers().firstValue("location").orElse(""));
        }
        return session != null ? session : cookie;
    }

    private HttpRequest form(String path, String body, boolean clientAuth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (clientAuth) {
            b.header("Authorization", basic);
        }
        return b.build();
    }

    private URI url(String pathAndQuery) {
        return URI.create(options.issuer() + pathAndQuery);
    }

    private static String cookie(HttpResponse<?> r, String namePrefix) {
        return WegateBrowser.cookie(r, namePrefix);
    }

    static String enc(String s) {
        return WegateBrowser.enc(s);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
