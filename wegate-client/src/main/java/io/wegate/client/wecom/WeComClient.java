package io.wegate.client.wecom;

import io.wegate.client.internal.http.HttpTransport;
import io.wegate.client.internal.http.RetryPolicy;
import io.wegate.client.internal.http.Sleeper;
import io.wegate.client.internal.http.UpstreamCallListener;
import io.wegate.client.token.AccessToken;
import io.wegate.client.token.AccessTokenListener;
import io.wegate.client.token.AccessTokenProvider;
import io.wegate.client.token.InMemoryTokenStore;
import io.wegate.client.token.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WeCom server API, for any number of apps. Thread-safe; build one per process and share it.
 *
 * <pre>{@code
 * WeComClient wecom = WeComClient.builder().apiBaseUrl(URI.create("https://qyapi.weixin.qq.com")).build();
 * WeComUserInfo who = wecom.auth().getUserInfo(app, code);
 * }</pre>
 */
public final class WeComClient {

    /** The real host of the WeCom server API. */
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://qyapi.weixin.qq.com");

    private final WeComAccessTokenApi gettoken;
    private final WeComTokens tokens;
    private final WeComAuthApi auth;
    private final WeComUserApi users;

    private WeComClient(Builder b) {
        HttpClient httpClient = b.httpClient != null ? b.httpClient : HttpTransport.newClient(b.connectTimeout);
        WeComHttp http = new WeComHttp(
                b.apiBaseUrl,
                new HttpTransport(httpClient),
                b.requestTimeout,
                b.retryPolicy,
                b.sleeper,
                b.callListener,
                JsonMapper.builder().build());
        AccessTokenProvider provider = new AccessTokenProvider(
                b.tokenStore, b.clock, b.tokenExpiryMargin, b.retryPolicy.deadline(), b.tokenListener);
        this.gettoken = new WeComAccessTokenApi(http, b.clock);
        this.tokens = new WeComTokens(provider, gettoken);
        this.auth = new WeComAuthApi(http, tokens);
        this.users = new WeComUserApi(http, tokens);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The app's access token, from the cache when it is still good. */
    public AccessToken accessToken(WeComApp app) {
        return tokens.get(app);
    }

    /** getuserinfo and getuserdetail. */
    public WeComAuthApi auth() {
        return auth;
    }

    /** user/get. */
    public WeComUserApi users() {
        return users;
    }

    /** gettoken itself, uncached: for diagnostics only. */
    public WeComAccessTokenApi gettoken() {
        return gettoken;
    }

    /** Settings of a {@link WeComClient}; every one has a safe default. */
    public static final class Builder {
        private URI apiBaseUrl = DEFAULT_API_BASE_URL;
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

        private Builder() {}

        /** Where {@code /cgi-bin/...} lives; the sandbox's base URL in tests. */
        public Builder apiBaseUrl(URI apiBaseUrl) {
            this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl must not be null");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** The timeout of one HTTP attempt. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** Retries of {@code -1} and HTTP 5xx, and the overall deadline of one call. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy must not be null");
            return this;
        }

        /** A token is refreshed this long before WeCom's {@code expires_in} runs out. */
        public Builder tokenExpiryMargin(Duration margin) {
            this.tokenExpiryMargin = Objects.requireNonNull(margin, "margin must not be null");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Where tokens are shared; in this JVM's memory by default. */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore must not be null");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper must not be null");
            return this;
        }

        public Builder callListener(UpstreamCallListener listener) {
            this.callListener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        public Builder tokenListener(AccessTokenListener listener) {
            this.tokenListener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /** A shared JDK client; by default one is made with {@link #connectTimeout(Duration)}. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient must not be null");
            return this;
        }

        public WeComClient build() {
            if (tokenStore == null) {
                tokenStore = new InMemoryTokenStore();
            }
            return new WeComClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
