package io.wegate.client.wecom;

import io.wegate.client.ClientBuilder;
import io.wegate.client.internal.http.ErrcodeJsonCaller;
import io.wegate.client.token.AccessToken;
import io.wegate.client.token.AccessTokenProvider;
import java.net.URI;
import java.time.Clock;

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
    private final WeComMiniProgramApi miniProgram;
    private final WeComDirectoryApi directory;

    private WeComClient(ErrcodeJsonCaller http, AccessTokenProvider provider, Clock clock) {
        this.gettoken = new WeComAccessTokenApi(http, clock);
        this.tokens = new WeComTokens(provider, gettoken);
        this.auth = new WeComAuthApi(http, tokens);
        this.users = new WeComUserApi(http, tokens);
        this.miniProgram = new WeComMiniProgramApi(http, tokens);
        this.directory = new WeComDirectoryApi(http, tokens);
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

    /** code2session of WeCom mini programs. */
    public WeComMiniProgramApi miniProgram() {
        return miniProgram;
    }

    /** Departments and members. */
    public WeComDirectoryApi directory() {
        return directory;
    }

    /** Settings of a {@link WeComClient}; every one has a safe default. */
    public static final class Builder extends ClientBuilder<Builder> {

        private Builder() {
            super(DEFAULT_API_BASE_URL);
        }

        public WeComClient build() {
            return new WeComClient(caller(WeComException.FAILURES), tokenProvider(), clock());
        }
    }
}
