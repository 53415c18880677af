package io.wegate.sandbox.wechat.token;

import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import io.wegate.sandbox.wechat.WeChatIds;
import io.wegate.sandbox.wecom.ExpiringStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two isolated app-token series of <a
 * href="https://developers.weixin.qq.com/doc/service/api/base/api_getstableaccesstoken">getStableAccessToken</a>:
 * {@code /cgi-bin/token} issues a new token on every call and leaves the previous one 5 more minutes; {@code
 * /cgi-bin/stable_token} repeats its token and renews it only in the last 5 minutes, or when forced.
 */
public final class AppTokens {

    public static final Duration LIFETIME = Duration.ofSeconds(7200);
    /** How long a replaced /cgi-bin/token token still works, and when before expiry the stable token renews. */
    public static final Duration OVERLAP = Duration.ofMinutes(5);

    static final int FORCE_REFRESH_PER_DAY = 20;
    static final Duration FORCE_REFRESH_SPACING = Duration.ofSeconds(30);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** Expired tokens are remembered this long so that using one answers 42001 rather than 40001. */
    private static final Duration REMEMBER_EXPIRED = Duration.ofDays(1);

    private final Clock clock;
    private final ExpiringStore<AppToken> known;
    private final Map<String, AppToken> latest = new ConcurrentHashMap<>();
    private final Map<String, Stable> stable = new ConcurrentHashMap<>();

    public AppTokens(Clock clock) {
        this.clock = clock;
        this.known = new ExpiringStore<>(clock, t -> t.expiresAt().plus(REMEMBER_EXPIRED));
    }

    /** {@code /cgi-bin/token}: a new token; the previous one of the series stays usable for {@link #OVERLAP}. */
    public AppToken issue(String appid) {
        Instant now = clock.instant();
        // compute() serialises concurrent callers per app, so each previous token is revoked exactly once.
        return latest.compute(appid, (id, previous) -> {
            if (previous != null) {
                revoke(previous, now.plus(OVERLAP));
            }
            return fresh(id, now);
        });
    }

    /**
     * {@code /cgi-bin/stable_token}. A forced refresh invalidates the current token at once, but at most 20 times a
     * day and 30 s apart; beyond that WeChat does not refresh (B4.2), so the call behaves like a normal one.
     */
    public AppToken stable(String appid, boolean forceRefresh) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BEIJING);
        return stable.compute(appid, (id, state) -> {
                    AppToken current =
                            state == null ? null : known.get(state.token().value());
                    Stable counted = state == null || !state.day().equals(today)
                            ? new Stable(current, today, 0, state == null ? null : state.lastForced())
                            : state.with(current);
                    if (forceRefresh && counted.mayForce(now)) {
                        if (current != null) {
                            revoke(current, now);
                        }
                        return new Stable(fresh(id, now), today, counted.forcedToday() + 1, now);
                    }
                    // In the last 5 minutes the old and the new token are both valid, so callers never get < 300 s.
                    if (current == null || current.end().minus(OVERLAP).compareTo(now) <= 0) {
                        return counted.with(fresh(id, now));
                    }
                    return counted;
                })
                .token();
    }

    /**
     * The app a token belongs to, for the {@code /wxa/*} endpoints.
     *
     * @throws WeChatException 41001 if missing; 40001 if unknown, invalidated or replaced; 42001 if expired
     */
    public String authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new WeChatException(WeChatError.ACCESS_TOKEN_MISSING);
        }
        AppToken found = known.get(token);
        if (found == null) {
            throw new WeChatException(WeChatError.INVALID_CREDENTIAL);
        }
        if (!clock.instant().isBefore(found.end())) {
            throw new WeChatException(
                    found.end().equals(found.expiresAt())
                            ? WeChatError.ACCESS_TOKEN_EXPIRED
                            : WeChatError.INVALID_CREDENTIAL);
        }
        return found.appid();
    }

    /** Seconds the token has left, rounded up so a valid token never reports 0. */
    public long secondsLeft(AppToken token) {
        Duration left = Duration.between(clock.instant(), token.end());
        return left.getNano() == 0 ? left.getSeconds() : left.getSeconds() + 1;
    }

    /** WeChat dropping every app token early: all answer 40001 and both series issue fresh ones. */
    public void invalidateAll() {
        known.clear();
        latest.clear();
        stable.clear();
    }

    private AppToken fresh(String appid, Instant now) {
        AppToken token = new AppToken(WeChatIds.accessToken(), appid, now.plus(LIFETIME), null);
        known.put(token.value(), token);
        return token;
    }

    private void revoke(AppToken token, Instant at) {
        AppToken stored = known.get(token.value());
        if (stored != null) {
            known.put(stored.value(), stored.revokedBy(at));
        }
    }

    /** The stable series of one app: its current token and today's forced refreshes. */
    private record Stable(AppToken token, LocalDate day, int forcedToday, Instant lastForced) {

        Stable with(AppToken current) {
            return new Stable(current, day, forcedToday, lastForced);
        }

        boolean mayForce(Instant now) {
            return forcedToday < FORCE_REFRESH_PER_DAY
                    && (lastForced == null || !now.isBefore(lastForced.plus(FORCE_REFRESH_SPACING)));
        }
    }
}
