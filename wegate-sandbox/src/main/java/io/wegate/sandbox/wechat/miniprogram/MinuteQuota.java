package io.wegate.sandbox.wechat.miniprogram;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * code2Session's frequency limit: 100 calls per user (appid + openid) per minute, then 45011 "retry next minute" (B3.1).
 * Minutes are calendar minutes of the sandbox clock, so the limit resets on the minute boundary.
 */
final class MinuteQuota {

    static final int LIMIT = 100;

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    MinuteQuota(Clock clock) {
        this.clock = clock;
    }

    /** Counts one call; {@code false} once the minute's budget is used up. */
    boolean tryAcquire(String appid, String openid) {
        long minute = clock.instant().getEpochSecond() / 60;
        Window window = windows.merge(
                appid + "\n" + openid,
                new Window(minute, 1),
                (old, one) -> old.minute() == minute ? new Window(minute, old.calls() + 1) : one);
        return window.calls() <= LIMIT;
    }

    private record Window(long minute, int calls) {}
}
