package io.wegate.client.wechat;

import io.wegate.client.token.AccessToken;
import io.wegate.client.token.AccessTokenProvider;
import java.util.function.Function;

/** Runs WeChat calls with the app's cached stable token, recovering once when WeChat rejects it. */
final class WeChatTokens {

    private final AccessTokenProvider provider;
    private final WeChatStableTokenApi stableToken;

    WeChatTokens(AccessTokenProvider provider, WeChatStableTokenApi stableToken) {
        this.provider = provider;
        this.stableToken = stableToken;
    }

    AccessToken get(WeChatApp app) {
        return provider.get(app.tokenKey(), () -> stableToken.fetch(app));
    }

    <T> T call(WeChatApp app, Function<String, T> call) {
        return provider.withToken(
                app.tokenKey(),
                () -> stableToken.fetch(app),
                call,
                e -> e instanceof WeChatException we && we.isTokenRejected());
    }
}
