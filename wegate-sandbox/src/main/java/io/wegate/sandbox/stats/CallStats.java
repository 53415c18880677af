package io.wegate.sandbox.stats;

import io.wegate.sandbox.http.Filter;
import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts calls to the simulated WeCom endpoints per path, and failed answers per path and errcode, so tests and
 * benchmarks can assert how often a client really calls upstream (e.g. that it caches its access token).
 */
public final class CallStats implements Filter {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> errors = new ConcurrentHashMap<>();

    @Override
    public SandboxResponse apply(SandboxRequest request, Handler next) {
        calls.computeIfAbsent(request.path(), p -> new LongAdder()).increment();
        SandboxResponse response = next.handle(request);
        if (response.errorKey() != null) {
            errors.computeIfAbsent(request.path(), p -> new ConcurrentHashMap<>())
                    .computeIfAbsent(response.errorKey(), k -> new LongAdder())
                    .increment();
        }
        return response;
    }

    /** Calls per path, sorted by path. */
    public Map<String, Long> calls() {
        Map<String, Long> snapshot = new TreeMap<>();
        calls.forEach((path, n) -> snapshot.put(path, n.sum()));
        return snapshot;
    }

    /** Failed answers per path, then per errcode (or {@code http_<status>}, {@code malformed_json}, {@code rejected}). */
    public Map<String, Map<String, Long>> errors() {
        Map<String, Map<String, Long>> snapshot = new TreeMap<>();
        errors.forEach((path, byKey) -> {
            Map<String, Long> counts = new TreeMap<>();
            byKey.forEach((key, n) -> counts.put(key, n.sum()));
            snapshot.put(path, counts);
        });
        return snapshot;
    }

    public void reset() {
        calls.clear();
        errors.clear();
    }
}
