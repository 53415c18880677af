package io.wegate.client;

import io.wegate.client.internal.http.ErrcodeJsonCaller;
import io.wegate.client.internal.http.HttpTransport;
import io.wegate.client.token.AccessTokenListener;
import io.wegate.client.token.AccessTokenProvider;
import io.wegate.client.token.InMemoryTokenStore;
import io.wegate.client.token.TokenStore;
import io.wegate.client.wechat.WeChatClient;
import io.wegate.client.wecom.WeComClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings every upstream client shares (timeouts, retries, token cache, clock, listeners),
 * written once for {@link WeComClient.Builder} and {@link WeChatClient.Builder}. Every setting has a safe default.
 *
 * <p>Sealed: the protected plumbing below hands the two builders the module's internal HTTP caller, which no
 * other subclass could use, since the module does not export {@code internal}.
 *
 * @param <B> the concrete builder, so that setters chain
 */
public abstract sealed class ClientBuilder<B extends ClientBuilder<B>>
        permits WeComClient.Builder, WeChatClient.Builder {

    private URI apiBaseUrl;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration tokenExpiryMargin = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private TokenStore tokenStore;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private UpstreamCallListener callListener = UpstreamCallListener.NONE;
    private AccessTokenListener tokenListener = AccessTokenListener.NONE;
    private HttpClient httpClient;
    private UpstreamTransport transport;

    protected ClientBuilder(URI defaultApiBaseUrl) {
        this.apiBaseUrl = defaultApiBaseUrl;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Where the upstream's API lives; the sandbox's base URL in tests. */
    public B apiBaseUrl(URI apiBaseUrl) {
        this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl must not be null");
        return self();
    }

    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        return self();
    }

    /** The timeout of one HTTP attempt. */
    public B requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        return self();
    }

    /** Retries of {@code -1} and HTTP 5xx, and the overall deadline of one call. */
    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
        return self();
    }

    /** An app token is refreshed this long before the upstream's {@code expires_in} runs out. */
    public B tokenExpiryMargin(Duration margin) {
        this.tokenExpiryMargin = Objects.requireNonNull(margin, "margin must not be null");
        return self();
    }

    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        return self();
    }

    /** Where app tokens are shared; in this JVM's memory by default. */
    public B tokenStore(TokenStore tokenStore) {
        this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore must not be null");
        return self();
    }

    public B sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
        return self();
    }

    public B callListener(UpstreamCallListener listener) {
        this.callListener = Objects.requireNonNull(listener, "listener must not be null");
        return self();
    }

    public B tokenListener(AccessTokenListener listener) {
        this.tokenListener = Objects.requireNonNull(listener, "listener must not be null");
        return self();
    }

    /** A shared JDK client; by default one is made with {@link #connectTimeout(Duration)}. */
    public B httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient must not be null");
        this.transport = null;
        return self();
    }

    /**
     * Another HTTP stack instead of the JDK's client (a pooled client the service already runs); replaces {@link
     * #httpClient(HttpClient)}. The client's timeouts still apply: {@link #requestTimeout(Duration)} is handed to
     * every {@link UpstreamTransport#send} call, the connect timeout is the transport's own.
     */
    public B transport(UpstreamTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport must not be null");
        this.httpClient = null;
        return self();
    }

    /** The caller for this upstream's errcode JSON API. */
    // Names an internal type: only the two permitted builders, inside this module, can call it.
    @SuppressWarnings("exports")
    protected ErrcodeJsonCaller caller(ErrcodeJsonCaller.Failures failures) {
        UpstreamTransport t = transport != null
                ? transport
                : new HttpTransport(httpClient != null ? httpClient : HttpTransport.newClient(connectTimeout));
        return new ErrcodeJsonCaller(
                apiBaseUrl,
                t,
                requestTimeout,
                retryPolicy,
                sleeper,
                callListener,
                JsonMapper.builder().build(),
                failures);
    }

    /** The one token provider of the client being built. */
    protected AccessTokenProvider tokenProvider() {
        TokenStore store = tokenStore != null ? tokenStore : new InMemoryTokenStore();
        return new AccessTokenProvider(store, clock, tokenExpiryMargin, retryPolicy.deadline(), tokenListener);
    }

    protected Clock clock() {
        return clock;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }
}
