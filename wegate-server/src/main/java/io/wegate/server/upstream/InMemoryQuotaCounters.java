package io.wegate.server.upstream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Quota counts of this instance; a day's entries are dropped when a later day is counted. */
public final class InMemoryQuotaCounters implements QuotaCounters {

    private final ConcurrentMap<String, ConcurrentMap<String, AtomicLong>> days = new ConcurrentHashMap<>();

    @Override
    public long increment(String day, String app) {
        if (!days.containsKey(day)) {
            // only today is read: earlier days go
            days.keySet().removeIf(d -> d.compareTo(day) < 0);
        }
        return days.computeIfAbsent(day, d -> new ConcurrentHashMap<>())
                .computeIfAbsent(app, a -> new AtomicLong())
                .incrementAndGet();
    }

    @Override
    public Map<String, Long> counts(String day) {
        Map<String, Long> out = new TreeMap<>();
        days.getOrDefault(day, new ConcurrentHashMap<>()).forEach((app, n) -> out.put(app, n.get()));
        return out;
    }

    @Override
    public String scope() {
        return "this instance";
    }
}
