package io.wegate.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link LoginLoadDriver}. Only loopback targets are accepted: this tool generates load, and must
 * never point it at a machine other than the one it runs on.
 *
 * @param gateways the gateway instances' base URLs; logins go round robin across them (one instance is the usual case,
 *     several are a wegate cluster sharing Redis and a database)
 * @param crossInstance whether each login's start step runs on instance {@code k} and its login step on instance
 *     {@code k+1} (needs at least two gateways), showing that a login started on one instance finishes on another
 * @param flows the login flows to run, in order (see {@link LoginFlows#NAMES}); {@code --flow all} gives every one
 * @param users WeCom userids to log in as, round robin; empty means every active member of the sandbox fixture
 * @param wechatUsers WeChat user keys to log in as, round robin; empty means every user of the fixture that is not
 *     blocked
 * @param agentId the WeCom app the codes are minted for; {@code null} means the first app of the fixture
 * @param redirectUri the redirect URI registered for the WeCom API flow; {@code null} means {@code <gateway>/callback}
 * @param batch logins per batch (each batch runs its steps as separate phases, see {@link LoginLoadDriver})
 * @param advanceClock whether to move the sandbox clock on by a minute before each batch of a flow that calls WeChat's
 *     {@code jscode2session}, whose per-user minute quota would otherwise cap the run
 * @param tokenLifetimes how many upstream app-token lifetimes the measured run of a flow with an app token covers: the
 *     measured logins are split into this many equal segments and the sandbox clock is moved on by one token lifetime
 *     (7200 s) before each, so that the gateway must fetch one fresh token per segment; 0 leaves the clock alone
 * @param serverPids the gateway processes (one per instance) whose CPU time the driver reads from {@code /proc} around
 *     its timed phases; empty: no CPU figures
 * @param clockTicks clock ticks per second of {@code /proc/PID/stat} ({@code getconf CLK_TCK})
 * @param rate logins per second of the open loop ({@code --rate}): login {@code i} of the measured run is sent at
 *     {@code t0 + i / rate}; 0 for the closed loop
 * @param burst whether the measured logins are released at once ({@code --burst N}: {@code logins} is N)
 * @param invalidateAfter after this many measured logins have completed, the driver has the sandbox invalidate every
 *     access token early ({@code POST /sandbox/faults {"type":"invalidate-tokens"}}); 0 never
 */
public record DriverOptions(
        List<URI> gateways,
        boolean crossInstance,
        URI sandbox,
        List<String> flows,
        int logins,
        int concurrency,
        int warmup,
        List<String> users,
        List<String> wechatUsers,
        String agentId,
        String redirectUri,
        int batch,
        boolean advanceClock,
        int tokenLifetimes,
        Duration timeout,
        List<Long> serverPids,
        int clockTicks,
        double rate,
        boolean burst,
        int invalidateAfter) {

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    static final int DEFAULT_TOKEN_LIFETIMES = 3;

    static final int MAX_TOKEN_LIFETIMES = 100;

    static final int DEFAULT_CLOCK_TICKS = 100;

    static final double MAX_RATE = 5000;

    /**
     * The longest open-loop window: every code is minted before it, and a WeCom code lives 5 minutes (the sandbox's
     * too), so the last one must still be fresh when its login is sent, with room for the minting itself.
     */
    static final Duration MAX_OPEN_LOOP_WINDOW = Duration.ofMinutes(2);

    static final int MAX_BURST = 10_000;

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    static final String USAGE =
            """
            Usage: java -cp wegate-bench.jar io.wegate.bench.LoginLoadDriver [options]

            Runs logins through a running wegate gateway and its sandbox, one flow after the other, and
            prints per flow logins/s, latency percentiles of the step that exchanges the code, failures
            by HTTP status and upstream calls per login.
            Only loopback targets (localhost, 127.0.0.1, [::1]) are accepted.

            Options:
              --gateway URL[,URL]  gateway base URL, or several instances of one cluster separated by commas
                                   or given by repeating the option; logins go round robin across them
                                   (default http://localhost:8080)
              --cross-instance     with several gateways: run each login's start step on instance k and its
                                   login step on instance k+1 (default: both steps on the same instance)
              --sandbox URL        sandbox base URL (default http://127.0.0.1:8081)
              --flow NAME          a flow, a comma-separated list of flows, or "all" (default wecom-api):
                                   %s
                                   or "contender": POST /login {code} of an app in wegate-bench-apps
                                   (--gateway points at it), not part of "all";
                                   or "direct": the driver makes the two upstream calls of a login
                                   (auth/getuserinfo, user/get) itself on the sandbox with a token it
                                   fetched once, the floor under every login's latency; not in "all"
              --logins N           measured logins per flow (default 2000)
              --concurrency C      concurrent virtual threads (default 50); in the open loop and the
                                   burst, of the untimed preparation only
              --rate R             open loop: every measured login's start step and code are prepared
                                   first (untimed), then login i is sent at t0 + i/R on a virtual thread
                                   of its own; latency counts from that intended start (no coordinated
                                   omission). Reports the send lag (actual - intended send) and the rate
                                   achieved, and "saturated" when that is below 95 %% of R or the lag's
                                   p99 above 5 ms. --logins / R at most 120 s (codes live 5 minutes)
              --burst N            N measured logins, prepared first, then all released at once (every
                                   thread parked on one gate); latency counts from the release
              --invalidate-after N once N measured logins have completed, POST /sandbox/faults
                                   {"type":"invalidate-tokens"}: every upstream token dies early
              --warmup N           warm-up logins per flow, not counted (default 200)
              --users a,b,c        WeCom userids, round robin (default: every active member in the fixture)
              --wechat-users a,b   WeChat user keys, round robin (default: every user in the fixture
                                   that is not blocked)
              --agentid ID         WeCom app to mint codes for (default: the first app in the fixture)
              --redirect-uri URL   redirect URI of the wecom-api flow (default <gateway>/callback)
              --batch N            logins per batch (default max(1000, 20 x concurrency); for the WeChat
                                   mini-program flows at most 90 per user)
              --no-advance-clock   do not move the sandbox clock on by 60 s before each batch of a WeChat
                                   mini-program flow (jscode2session allows 100 calls per user and minute)
              --token-lifetimes N  for flows with an upstream app token: split the measured logins into N
                                   segments and move the sandbox clock on by the token lifetime (7200 s)
                                   before each, to count app-token fetches per lifetime; 0 = never
                                   (default %d)
              --timeout-seconds S  overall time limit for all flows, at most 600 (default 600)
              --server-pid PID     a gateway process (repeat it, or separate by commas, for each instance
                                   of a cluster): its CPU seconds (utime + stime from /proc/PID/stat, Linux
                                   only) over the login phases only, over the start phases and in all, and
                                   its peak RSS (VmHWM), in the RESULT
              --clock-ticks N      clock ticks per second of /proc/PID/stat, getconf CLK_TCK (default %d)
              --help               print this help
            """.formatted(String.join(", ", LoginFlows.NAMES), DEFAULT_TOKEN_LIFETIMES, DEFAULT_CLOCK_TICKS);

    public DriverOptions {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("--gateway names no URL");
        }
        Set<URI> seen = new LinkedHashSet<>();
        for (URI gateway : gateways) {
            requireLoopback("--gateway", gateway);
            if (!seen.add(gateway)) {
                throw new IllegalArgumentException("--gateway lists " + gateway + " twice");
            }
        }
        if (crossInstance && gateways.size() < 2) {
            throw new IllegalArgumentException("--cross-instance needs at least two --gateway URLs");
        }
        requireLoopback("--sandbox", sandbox);
        if (logins < 1) {
            throw new IllegalArgumentException("--logins must be at least 1");
        }
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 10000");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1");
        }
        if (tokenLifetimes < 0 || tokenLifetimes > MAX_TOKEN_LIFETIMES) {
            throw new IllegalArgumentException("--token-lifetimes must be between 0 and " + MAX_TOKEN_LIFETIMES);
        }
        if (tokenLifetimes > logins) {
            throw new IllegalArgumentException("--token-lifetimes " + tokenLifetimes
                    + " needs at least as many --logins (one segment of logins per token lifetime)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("--timeout-seconds must be between 1 and " + MAX_TIMEOUT.toSeconds());
        }
        if (flows.isEmpty()) {
            throw new IllegalArgumentException("--flow names no flow");
        }
        for (String flow : flows) {
            if (!LoginFlows.NAMES.contains(flow) && !flow.equals(ContenderFlow.NAME) && !flow.equals(DirectFlow.NAME)) {
                throw new IllegalArgumentException(
                        "Unknown flow " + flow + "; known: all, " + String.join(", ", LoginFlows.NAMES));
            }
        }
        Set<Long> pids = new LinkedHashSet<>();
        for (long pid : serverPids) {
            if (pid < 1) {
                throw new IllegalArgumentException("--server-pid must be a process id (1 or more), got " + pid);
            }
            if (!pids.add(pid)) {
                throw new IllegalArgumentException("--server-pid lists " + pid + " twice");
            }
        }
        if (clockTicks < 1 || clockTicks > 1_000_000) {
            throw new IllegalArgumentException("--clock-ticks must be between 1 and 1000000");
        }
        if (Double.isNaN(rate) || rate < 0 || rate > MAX_RATE) {
            throw new IllegalArgumentException("--rate must be above 0 and at most " + (int) MAX_RATE + " logins/s");
        }
        if (rate > 0 && burst) {
            throw new IllegalArgumentException("--rate and --burst exclude each other");
        }
        if (rate > 0 && logins / rate > MAX_OPEN_LOOP_WINDOW.toSeconds()) {
            throw new IllegalArgumentException("--logins " + logins + " at --rate " + rate + " take "
                    + Math.round(logins / rate) + " s; at most " + MAX_OPEN_LOOP_WINDOW.toSeconds()
                    + " s, because every code is minted before the window and a code lives 5 minutes");
        }
        if (burst && logins > MAX_BURST) {
            throw new IllegalArgumentException("--burst must be between 1 and " + MAX_BURST);
        }
        if ((rate > 0 || burst) && tokenLifetimes > 0) {
            throw new IllegalArgumentException(
                    "--token-lifetimes splits a closed-loop run; use --token-lifetimes 0 with --rate or --burst");
        }
        if (invalidateAfter < 0 || invalidateAfter >= logins) {
            throw new IllegalArgumentException("--invalidate-after must be 0 (never) or fewer than --logins");
        }
        if (invalidateAfter > 0 && tokenLifetimes > 0) {
            throw new IllegalArgumentException("--invalidate-after needs --token-lifetimes 0");
        }
        gateways = List.copyOf(gateways);
        serverPids = List.copyOf(serverPids);
        flows = List.copyOf(flows);
        users = List.copyOf(users);
        wechatUsers = List.copyOf(wechatUsers);
    }

    /** Whether the measured logins run in the open loop ({@code --rate}) or as one burst ({@code --burst}). */
    public boolean arrivals() {
        return rate > 0 || burst;
    }

    /** The first (or only) gateway. */
    public URI gateway() {
        return gateways.getFirst();
    }

    /** The redirect URI to use: the given one, or {@code <first gateway>/callback}. */
    public String effectiveRedirectUri() {
        return redirectUri != null ? redirectUri : trimSlash(gateway().toString()) + "/callback";
    }

    /** Parses {@code --name value} and {@code --name=value}; returns {@code null} for {@code --help}. */
    public static DriverOptions parse(String... args) {
        List<URI> gateways = new ArrayList<>();
        boolean gatewayGiven = false;
        List<Long> serverPids = new ArrayList<>();
        int clockTicks = DEFAULT_CLOCK_TICKS;
        double rate = 0;
        Integer burst = null;
        Integer invalidateAfter = null;
        Integer loginsGiven = null;
        Integer tokenLifetimesGiven = null;
        boolean crossInstance = false;
        int tokenLifetimes = DEFAULT_TOKEN_LIFETIMES;
        URI sandbox = URI.create("http://127.0.0.1:8081");
        List<String> flows = List.of(LoginFlows.WECOM_API);
        int logins = 2000;
        int concurrency = 50;
        int warmup = 200;
        List<String> users = List.of();
        List<String> wechatUsers = List.of();
        boolean advanceClock = true;
        String agentId = null;
        String redirectUri = null;
        Integer batch = null;
        Duration timeout = MAX_TIMEOUT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + arg);
            }
            if (arg.equals("--no-advance-clock")) {
                advanceClock = false;
                continue;
            }
            if (arg.equals("--cross-instance")) {
                crossInstance = true;
                continue;
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--gateway" -> {
                    gatewayGiven = true;
                    gateways.addAll(uris(name, value));
                }
                case "--server-pid" -> {
                    for (String pid : list(value)) {
                        serverPids.add(longInteger(name, pid));
                    }
                }
                case "--clock-ticks" -> clockTicks = integer(name, value);
                case "--sandbox" -> sandbox = uri(name, value);
                case "--logins" -> loginsGiven = integer(name, value);
                case "--rate" -> rate = decimal(name, value);
                case "--burst" -> burst = integer(name, value);
                case "--invalidate-after" -> invalidateAfter = integer(name, value);
                case "--concurrency" -> concurrency = integer(name, value);
                case "--warmup" -> warmup = integer(name, value);
                case "--flow" -> flows = flows(value);
                case "--users" -> users = list(value);
                case "--wechat-users" -> wechatUsers = list(value);
                case "--agentid" -> agentId = value.trim();
                case "--redirect-uri" -> redirectUri = value.trim();
                case "--batch" -> batch = integer(name, value);
                case "--token-lifetimes" -> tokenLifetimesGiven = integer(name, value);
                case "--timeout-seconds" -> timeout = Duration.ofSeconds(integer(name, value));
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        int effectiveBatch = batch != null ? batch : Math.max(1000, 20 * concurrency);
        if (gateways.isEmpty() && !gatewayGiven) {
            gateways.add(URI.create("http://localhost:8080"));
        }
        if (burst != null) {
            if (burst < 1) {
                throw new IllegalArgumentException("--burst must be between 1 and " + MAX_BURST);
            }
            if (loginsGiven != null && !loginsGiven.equals(burst)) {
                throw new IllegalArgumentException("--burst " + burst
                        + " is the number of measured logins; drop --logins " + loginsGiven + " or make it the same");
            }
            logins = burst;
        } else if (loginsGiven != null) {
            logins = loginsGiven;
        }
        // token-lifetime segments are a closed-loop measurement: the open loop and bursts leave the clock alone
        boolean closedLoop = rate == 0 && burst == null && invalidateAfter == null;
        tokenLifetimes = tokenLifetimesGiven != null ? tokenLifetimesGiven : closedLoop ? DEFAULT_TOKEN_LIFETIMES : 0;
        return new DriverOptions(
                gateways,
                crossInstance,
                sandbox,
                flows,
                logins,
                concurrency,
                warmup,
                users,
                wechatUsers,
                agentId,
                redirectUri,
                effectiveBatch,
                advanceClock,
                tokenLifetimes,
                timeout,
                serverPids,
                clockTicks,
                rate,
                burst != null,
                invalidateAfter == null ? 0 : invalidateAfter);
    }

    /** {@code all}, or flow names separated by commas, in the order given, each once. */
    static List<String> flows(String value) {
        List<String> names = list(value.toLowerCase(Locale.ROOT));
        if (names.equals(List.of("all"))) {
            return LoginFlows.NAMES;
        }
        if (names.contains("all")) {
            throw new IllegalArgumentException("--flow all cannot be combined with other flows");
        }
        return new ArrayList<>(new LinkedHashSet<>(names));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * Refuses any URL whose host is not {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, or whose name resolves
     * to anything but a loopback address.
     */
    static void requireLoopback(String option, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(option + " must be an http(s) URL, got " + uri);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null || !LOOPBACK_NAMES.contains(host)) {
            throw new IllegalArgumentException("Refusing " + option + " " + uri
                    + ": this load driver only targets this machine (localhost, 127.0.0.1 or [::1]),"
                    + " so that it never sends load anywhere else.");
        }
        try {
            String lookup = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            for (InetAddress address : InetAddress.getAllByName(lookup)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("Refusing " + option + " " + uri + ": " + host + " resolves to "
                            + address.getHostAddress() + ", which is not a loopback address.");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Cannot resolve the host of " + option + " " + uri, e);
        }
    }

    /** One URL, or several separated by commas. */
    static List<URI> uris(String name, String value) {
        List<URI> uris = new ArrayList<>();
        for (String s : list(value)) {
            uris.add(uri(name, s));
        }
        return uris;
    }

    private static URI uri(String name, String value) {
        try {
            return new URI(trimSlash(value.trim()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + value, e);
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
        }
    }

    private static double decimal(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value, e);
        }
    }

    private static long longInteger(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
        }
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
