package io.wegate.sandbox.wecom.token;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-app daily call budget for gettoken; past it WeCom answers 45009 until the calendar day (Beijing time) ends,
 * see <a href="https://developer.work.weixin.qq.com/document/path/90454">频率限制</a>.
 */
public final class DailyQuota {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final int limit;
    private final Map<String, DayCount> counts = new ConcurrentHashMap<>();

    public DailyQuota(Clock clock, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("gettoken daily quota must be at least 1, got " + limit);
        }
        this.clock = clock;
        this.limit = limit;
    }

    /** Counts one call for {@code key}; {@code false} once the day's budget is used up. */
    public boolean tryAcquire(String key) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BEIJING);
        DayCount count = counts.merge(
                key,
                new DayCount(today, 1),
                (old, one) -> old.day().equals(today) ? new DayCount(today, old.calls() + 1) : one);
        return count.calls() <= limit;
    }

    public int limit() {
        return limit;
    }

    private record DayCount(LocalDate day, long calls) {}
}
