package io.wegate.sandbox.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact-path routing table. Upstream routes (the simulated WeCom API and pages) pass through the filters; tooling
 * routes ({@code /sandbox/*}, the index page) do not, so they are neither counted nor broken by faults.
 */
public final class Router {

    private final List<Filter> upstreamFilters;
    private final Map<String, Map<String, Handler>> routes = new ConcurrentHashMap<>();
    private final Set<String> upstreamPaths = ConcurrentHashMap.newKeySet();

    public Router(List<Filter> upstreamFilters) {
        this.upstreamFilters = List.copyOf(upstreamFilters);
    }

    public Router upstream(String method, String path, Handler handler) {
        Handler wrapped = handler;
        // The first filter in the list ends up outermost.
        for (Filter filter : upstreamFilters.reversed()) {
            Handler next = wrapped;
            wrapped = request -> filter.apply(request, next);
        }
        upstreamPaths.add(path);
        return add(method, path, wrapped);
    }

    public Router tooling(String method, String path, Handler handler) {
        return add(method, path, handler);
    }

    /** Handlers by HTTP method for {@code path}, empty if the path is unknown. */
    Optional<Map<String, Handler>> find(String path) {
        return Optional.ofNullable(routes.get(path));
    }

    public boolean isUpstream(String path) {
        return upstreamPaths.contains(path);
    }

    public Set<String> upstreamPaths() {
        return Set.copyOf(upstreamPaths);
    }

    private Router add(String method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new TreeMap<>()).put(method, handler);
        return this;
    }
}
