package io.wegate.sandbox.wecom.token;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.wecom.ExpiringStore;
import io.wegate.sandbox.wecom.RandomIds;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks access tokens like <a href="https://developer.work.weixin.qq.com/document/path/91039">获取
 * access_token</a>: one current token per app, the same one returned until it expires after 7200 s, and tokens that
 * WeCom invalidated early answer 40014.
 */
public final class AccessTokens {

    public static final Duration LIFETIME = Duration.ofSeconds(7200);

    /** Expired tokens are remembered this long so that using one answers 42001 rather than 40014. */
    private static final Duration REMEMBER_EXPIRED = Duration.ofDays(1);

    private final Clock clock;
    private final WeComDirectory directory;
    private final Map<String, AccessToken> currentByApp = new ConcurrentHashMap<>();
    private final ExpiringStore<AccessToken> known;

    public AccessTokens(Clock clock, WeComDirectory directory) {
        this.clock = clock;
        this.directory = directory;
        this.known = new ExpiringStore<>(clock, t -> t.expiresAt().plus(REMEMBER_EXPIRED));
    }

    /** The app's current token, issuing a new one if there is none or it has expired or been invalidated. */
    public AccessToken obtain(App app) {
        Instant now = clock.instant();
        // compute() serialises concurrent callers per app, so a burst of gettoken calls yields a single token.
        return currentByApp.compute(app.agentId(), (agentId, current) -> {
            if (current != null && now.isBefore(current.expiresAt()) && known.get(current.value()) == current) {
                return current;
            }
            AccessToken fresh = new AccessToken(RandomIds.accessToken(), agentId, now.plus(LIFETIME));
            known.put(fresh.value(), fresh);
            return fresh;
        });
    }

    /**
     * The app a token belongs to.
     *
     * @throws WeComException 41001 if missing, 40014 if unknown or invalidated, 42001 if expired
     */
    public App authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new WeComException(WeComError.ACCESS_TOKEN_MISSING);
        }
        AccessToken found = known.get(token);
        if (found == null) {
            throw new WeComException(WeComError.INVALID_ACCESS_TOKEN);
        }
        if (!clock.instant().isBefore(found.expiresAt())) {
            throw new WeComException(WeComError.ACCESS_TOKEN_EXPIRED);
        }
        return directory
                .tokenHolder(found.agentId())
                .orElseThrow(() -> new WeComException(WeComError.INVALID_ACCESS_TOKEN));
    }

    /** WeCom dropping every token early "for operational reasons": all answer 40014 from now on. */
    public void invalidateAll() {
        known.clear();
        currentByApp.clear();
    }
}
