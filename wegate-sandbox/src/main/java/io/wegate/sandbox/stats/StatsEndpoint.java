package io.wegate.sandbox.stats;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /sandbox/stats} reports the counters, {@code DELETE /sandbox/stats} resets them. */
public final class StatsEndpoint {

    public static final String PATH = "/sandbox/stats";

    private final CallStats stats;

    public StatsEndpoint(CallStats stats) {
        this.stats = stats;
    }

    public SandboxResponse get(SandboxRequest request) {
        ObjectNode body = Json.object();
        ObjectNode calls = body.putObject("calls");
        stats.calls().forEach(calls::put);
        ObjectNode errors = body.putObject("errors");
        stats.errors().forEach((path, counts) -> {
            ObjectNode byKey = errors.putObject(path);
            counts.forEach(byKey::put);
        });
        return SandboxResponse.json(200, body);
    }

    public SandboxResponse delete(SandboxRequest request) {
        stats.reset();
        return get(request);
    }
}
