package io.wegate.client.wecom;

import io.wegate.client.token.AccessToken;
import io.wegate.client.token.AccessTokenProvider;
import java.util.function.Function;

/** Runs WeCom calls with the app's cached token, recovering once when WeCom rejects it early. */
final class WeComTokens {

    private final AccessTokenProvider provider;
    private final WeComAccessTokenApi gettoken;

    WeComTokens(AccessTokenProvider provider, WeComAccessTokenApi gettoken) {
        this.provider = provider;
        this.gettoken = gettoken;
    }

    AccessToken get(WeComApp app) {
        return provider.get(app.tokenKey(), () -> gettoken.fetch(app));
    }

    <T> T call(WeComApp app, Function<String, T> call) {
        return provider.withToken(
                app.tokenKey(),
                () -> gettoken.fetch(app),
                call,
                e -> e instanceof WeComException we && we.isTokenRejected());
    }
}
