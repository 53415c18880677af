package io.wegate.bench.apps.naive;

import io.wegate.bench.apps.wecomlogin.AccessTokenSource;
import io.wegate.bench.apps.wecomlogin.WeComApi;
import java.time.Clock;

/**
 * The blog posts' token holder: a static token and the time it was fetched; a token older than 7200 s is fetched
 * again, any other is trusted. What the posts leave out is left out here, because the bench measures it: no margin,
 * {@code expires_in} ignored (a token that another client of the same secret fetched earlier expires upstream before
 * this one refreshes it: 42001), no single flight, nothing done on 40014/42001.
 */
final class StaticAccessToken implements AccessTokenSource {

    /** WeCom's documented lifetime, taken as fixed, as the posts do. */
    private static final long LIFETIME_MILLIS = 7200 * 1000L;

    // static and unguarded as in the posts: one token per JVM; a caller that sees it stale fetches, whoever else does
    private static String accessToken;
    private static long fetchedAtMillis;

    private final WeComApi wecom;
    private final Clock clock;

    StaticAccessToken(WeComApi wecom, Clock clock) {
        this.wecom = wecom;
        this.clock = clock;
    }

    @Override
    public String accessToken() {
        if (accessToken == null || clock.millis() - fetchedAtMillis > LIFETIME_MILLIS) {
            accessToken = wecom.gettoken().accessToken();
            fetchedAtMillis = clock.millis();
        }
        return accessToken;
    }

    /** Forgets the token: the tests start the app again, against a new sandbox, in one JVM. */
    static void forget() {
        accessToken = null;
        fetchedAtMillis = 0;
    }
}
