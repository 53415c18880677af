package io.wegate.client.wechat;

import io.wegate.client.ClientBuilder;
import io.wegate.client.internal.http.ErrcodeJsonCaller;
import io.wegate.client.token.AccessToken;
import io.wegate.client.token.AccessTokenProvider;
import java.net.URI;
import java.time.Clock;

/**
 * The WeChat server API ({@code api.weixin.qq.com}) for any number of apps: web OAuth of official
 * accounts and website apps, mini-program login, and app access tokens through stable_token.
 * Thread-safe; build one per process and share it.
 */
public final class WeChatClient {

    /** The real host of the WeChat server API. */
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.weixin.qq.com");

    private final WeChatTokens tokens;
    private final WeChatOAuthApi oauth;
    private final WeChatMiniProgramApi miniProgram;

    private WeChatClient(ErrcodeJsonCaller http, AccessTokenProvider provider, Clock clock) {
        this.tokens = new WeChatTokens(provider, new WeChatStableTokenApi(http, clock));
        this.oauth = new WeChatOAuthApi(http);
        this.miniProgram = new WeChatMiniProgramApi(http, tokens);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The app's access token (stable_token), from the cache when it is still good. */
    public AccessToken accessToken(WeChatApp app) {
        return tokens.get(app);
    }

    /** Web OAuth: code exchange, refresh, userinfo, auth. */
    public WeChatOAuthApi oauth() {
        return oauth;
    }

    /** Mini-program login and phone numbers. */
    public WeChatMiniProgramApi miniProgram() {
        return miniProgram;
    }

    /** Settings of a {@link WeChatClient}; every one has a safe default. */
    public static final class Builder extends ClientBuilder<Builder> {

        private Builder() {
            super(DEFAULT_API_BASE_URL);
        }

        public WeChatClient build() {
            return new WeChatClient(caller(WeChatException.FAILURES), tokenProvider(), clock());
        }
    }
}
