package io.wegate.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.wegate.sandbox.callback.Callbacks;
import io.wegate.sandbox.callback.MemberChanges;
import io.wegate.sandbox.fault.Fault;
import io.wegate.sandbox.fault.FaultRegistry;
import io.wegate.sandbox.fault.Hold;
import io.wegate.sandbox.http.Dispatcher;
import io.wegate.sandbox.http.Router;
import io.wegate.sandbox.stats.CallStats;
import io.wegate.sandbox.tooling.CallbacksEndpoint;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.token.AppTokens;
import io.wegate.sandbox.wecom.Domains;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.token.AccessTokens;
import io.wegate.sandbox.wecom.token.DailyQuota;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running simulator, on one local HTTP port, of the WeCom server API (<a
 * href="https://developer.work.weixin.qq.com/document/path/91039">gettoken</a>, auth/getuserinfo (and the legacy
 * user/getuserinfo), auth/getuserdetail,
 * the directory, mini-program login) with its in-client authorize and QR login pages, and of the WeChat APIs (<a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken">web OAuth</a>, website QR
 * login, mini-program login and phone number, app access tokens) with their pages.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().start()) { ... sandbox.baseUrl() ... }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Sandbox.class.getName());
    // a gateway under a login storm opens thousands of connections at once, as WeCom would accept
    private static final int BACKLOG = 4096;

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxClock clock;
    private final WeComDirectory directory;
    private final AccessTokens tokens;
    private final WeChatDirectory wechat;
    private final AppTokens wechatTokens;
    private final CallStats stats;
    private final FaultRegistry faults;
    private final Callbacks callbacks;
    private final MemberChanges memberChanges;
    private final CallbacksEndpoint callbacksEndpoint;
    private final Router router;
    private final URI baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sandbox(Builder builder) {
        this.clock = builder.clock;
        this.directory = new WeComDirectory(builder.fixture);
        this.tokens = new AccessTokens(clock, directory);
        this.wechat = new WeChatDirectory(builder.fixture);
        this.wechatTokens = new AppTokens(clock);
        this.stats = new CallStats();
        this.faults = new FaultRegistry();
        this.callbacks = new Callbacks(clock);
        this.memberChanges = new MemberChanges(directory, callbacks, clock);
        this.callbacksEndpoint = new CallbacksEndpoint(callbacks, memberChanges, directory, wechat, clock);
        this.router = Routes.build(new Routes.Wiring(
                clock,
                directory,
                tokens,
                new DailyQuota(clock, builder.gettokenDailyQuota),
                wechat,
                wechatTokens,
                new DailyQuota(clock, builder.wechatTokenDailyQuota),
                stats,
                faults,
                this::invalidateTokens,
                callbacksEndpoint));
        this.server = bind(builder.bindAddress, builder.port);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", new Dispatcher(router));
        server.setExecutor(executor);
        server.start();
        this.baseUrl = URI.create("http://" + urlHost(server.getAddress()) + ":"
                + server.getAddress().getPort());
        LOG.log(
                System.Logger.Level.INFO,
                "WeCom / WeChat sandbox listening on {0} (corpid {1})",
                baseUrl,
                directory.fixture().corpId());
    }

    /** The receiver name of the contact-sync assistant ({@link #configureCallback}). */
    public static final String CONTACT_SYNC = Callbacks.CONTACT_SYNC;

    /**
     * Saves a callback URL as an administrator does in the console, after verifying it as the console does (a GET
     * with an echostr the receiver must answer).
     *
     * @param receiver an agentid of the corp, {@link #CONTACT_SYNC}, or a WeChat appid of the fixture
     * @throws IllegalStateException when the URL does not verify (nothing is saved)
     */
    public void configureCallback(String receiver, URI url, String token, String encodingAesKey) {
        callbacksEndpoint.configure(receiver, url, token, encodingAesKey, false);
    }

    /** The members' changes an administrator makes, which deliver the events a real corp delivers. */
    public MemberChanges members() {
        return memberChanges;
    }

    /** The callback URLs, their deliveries and their faults. */
    public Callbacks callbacks() {
        return callbacks;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** E.g. {@code http://127.0.0.1:54321}, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxClock clock() {
        return clock;
    }

    public SandboxFixture fixture() {
        return directory.fixture();
    }

    /**
     * Trusts one more {@code host[:port]} for the app's OAuth redirects, e.g. the random port of a test server.
     *
     * @throws IllegalArgumentException for an unknown agentid or a domain that is not {@code host[:port]}
     */
    public void addTrustedDomain(String agentId, String domain) {
        Objects.requireNonNull(domain, "domain");
        requireDomain(domain);
        directory.addTrustedDomain(agentId, domain);
    }

    private static void requireDomain(String domain) {
        if (Domains.of("http://" + domain + "/")
                .filter(d -> d.equals(Domains.normalize(domain)))
                .isEmpty()) {
            throw new IllegalArgumentException("A trusted domain is host[:port], without scheme or path: " + domain);
        }
    }

    /** The app's trusted domains now: the fixture's plus those added at runtime; empty for an unknown agentid. */
    public List<String> trustedDomains(String agentId) {
        return directory.trustedDomains(agentId);
    }

    /**
     * Trusts one more {@code host[:port]} for a WeChat app's OAuth redirects: an official account's web_auth_domains or
     * a website app's auth_domains, e.g. the random port of a test server.
     *
     * @throws IllegalArgumentException for an unknown appid, a mini program, or a domain that is not {@code
     *     host[:port]}
     */
    public void addWeChatDomain(String appid, String domain) {
        Objects.requireNonNull(domain, "domain");
        requireDomain(domain);
        wechat.addDomain(appid, domain);
    }

    /** The WeChat app's redirect domains now: the fixture's plus those added at runtime; empty for a mini program. */
    public List<String> weChatDomains(String appid) {
        return wechat.domains(appid);
    }

    /** Calls per upstream path, e.g. {@code {"/cgi-bin/gettoken": 1}}. */
    public Map<String, Long> stats() {
        return stats.calls();
    }

    /** Failed answers per upstream path, then per errcode (or {@code http_500}, {@code malformed_json}, ...). */
    public Map<String, Map<String, Long>> errorStats() {
        return stats.errors();
    }

    public void resetStats() {
        stats.reset();
    }

    /**
     * WeCom and WeChat invalidating all current access tokens early: WeCom tokens answer 40014, WeChat app tokens 40001,
     * and gettoken, /cgi-bin/token and /cgi-bin/stable_token issue fresh ones. Web-authorisation tokens are not app
     * tokens and stay valid.
     */
    public void invalidateTokens() {
        tokens.invalidateAll();
        wechatTokens.invalidateAll();
    }

    /** Removes every fault; calls held by {@link #hold} go on. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Holds the next {@code calls} calls to the upstream {@code path} (as {@code POST /sandbox/faults
     * {"type":"hold",...}} does): counted in {@link #stats()}, each waits before the endpoint answers, so before any
     * token or code is checked, until the returned hold is released or the faults are cleared (two minutes at most).
     * A test can then change the upstream, e.g. {@link #invalidateTokens()}, while those calls are provably in flight,
     * and know that every one of them meets the change.
     *
     * <pre>{@code
     * Hold hold = sandbox.hold("/cgi-bin/auth/getuserinfo", 100);
     * ... fire logins ...
     * hold.awaitHeld(100, Duration.ofMinutes(1));
     * sandbox.invalidateTokens();
     * hold.release();
     * }</pre>
     *
     * @throws IllegalArgumentException for a path that is not a simulated WeCom or WeChat endpoint, or calls below 1
     */
    public Hold hold(String path, int calls) {
        if (!router.isUpstream(path)) {
            throw new IllegalArgumentException("Holds apply to the simulated WeCom and WeChat paths, not " + path);
        }
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, got " + calls);
        }
        Fault fault = new Fault(faults.nextId(), Fault.Type.HOLD, path, 0, null, (long) calls);
        faults.add(fault);
        return fault.hold();
    }

    /** Stops serving at once; calls in flight (e.g. held by a latency or hold fault) are abandoned. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
            callbacks.close();
        }
    }

    static {
        // The JDK server closes a connection that goes idle while 200 others are idle, without a
        // "Connection: close" header; a client that pooled it then fails its next request with an
        // EOF. A gateway under load keeps more than 200 connections to its upstream, so raise the
        // limit (read once, when the JDK server class loads) unless someone set it already.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        }
    }

    private static HttpServer bind(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UncheckedIOException(new IOException("Cannot resolve bind address " + host));
        }
        try {
            return HttpServer.create(address, BACKLOG);
        } catch (BindException e) {
            throw new UncheckedIOException(
                    "Cannot listen on " + host + ":" + port + ": " + e.getMessage()
                            + " (is another process using the port? pick another with --port, or 0 for a free one)",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the sandbox on " + host + ":" + port, e);
        }
    }

    /** A host clients can reach: a wildcard bind is advertised as the loopback address. */
    private static String urlHost(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        String literal = ip.getHostAddress();
        return literal.contains(":") ? "[" + literal + "]" : literal;
    }

    /** Configures a sandbox; every setting has a default, so {@code Sandbox.builder().start()} just works. */
    public static final class Builder {

        private int port;
        private String bindAddress = "127.0.0.1";
        private SandboxFixture fixture;
        private SandboxClock clock;
        private int gettokenDailyQuota = 2000;
        private int wechatTokenDailyQuota = 2000;

        private Builder() {}

        /** 0 (the default) picks a random free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder bindAddress(String host) {
            this.bindAddress = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Defaults to {@link SandboxFixture#demo()}. */
        public Builder fixture(SandboxFixture f) {
            this.fixture = Objects.requireNonNull(f, "fixture");
            return this;
        }

        /** Defaults to a {@link SandboxClock} following the system time. */
        public Builder clock(SandboxClock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** gettoken calls per app and calendar day (Beijing time) before 45009; default 2000. */
        public Builder gettokenDailyQuota(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("gettoken daily quota must be at least 1, got " + n);
            }
            this.gettokenDailyQuota = n;
            return this;
        }

        /**
         * Calls of WeChat's /cgi-bin/token and /cgi-bin/stable_token together, per app and calendar day (Beijing time),
         * before 45009; default 2000, a new account's quota (B4.1).
         */
        public Builder wechatTokenDailyQuota(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("WeChat token daily quota must be at least 1, got " + n);
            }
            this.wechatTokenDailyQuota = n;
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws UncheckedIOException if the port is taken or the address cannot be bound
         */
        public Sandbox start() {
            if (fixture == null) {
                fixture = SandboxFixture.demo();
            }
            if (clock == null) {
                clock = new SandboxClock();
            }
            return new Sandbox(this);
        }
    }
}
