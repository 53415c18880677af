package io.wegate.sandbox.fault;

import io.wegate.sandbox.fault.Fault.Type;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /sandbox/faults}: add (POST), list (GET) and clear (DELETE) injected faults. */
public final class FaultsEndpoint {

    public static final String PATH = "/sandbox/faults";
    private static final String INVALIDATE_TOKENS = "invalidate-tokens";
    private static final long MAX_LATENCY_MILLIS = 120_000;

    private final FaultRegistry registry;
    private final Set<String> upstreamPaths;
    private final Runnable invalidateTokens;

    /**
     * @param upstreamPaths the paths a fault may target
     * @param invalidateTokens what {@code {"type":"invalidate-tokens"}} does
     */
    public FaultsEndpoint(FaultRegistry registry, Set<String> upstreamPaths, Runnable invalidateTokens) {
        this.registry = registry;
        this.upstreamPaths = new TreeSet<>(upstreamPaths);
        this.invalidateTokens = invalidateTokens;
    }

    public SandboxResponse post(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        String type = JsonBodies.requiredText(body, "type");
        if (type.equals(INVALIDATE_TOKENS)) {
            invalidateTokens.run();
            return SandboxResponse.json(201, Json.object().put("type", INVALIDATE_TOKENS));
        }
        Type parsed = Arrays.stream(Type.values())
                .filter(t -> t.value().equals(type))
                .findFirst()
                .orElseThrow(() -> HttpProblem.badRequest("Unknown fault type \"" + type + "\"; supported: "
                        + INVALIDATE_TOKENS + ", "
                        + Arrays.stream(Type.values()).map(Type::value).collect(Collectors.joining(", "))));
        Fault fault = fault(parsed, body);
        registry.add(fault);
        return SandboxResponse.json(201, fault.toJson());
    }

    public SandboxResponse get(SandboxRequest request) {
        ObjectNode body = Json.object();
        ArrayNode faults = body.putArray("faults");
        registry.list().forEach(f -> faults.add(f.toJson()));
        return SandboxResponse.json(200, body);
    }

    public SandboxResponse delete(SandboxRequest request) {
        registry.clear();
        return get(request);
    }

    private Fault fault(Type type, ObjectNode body) {
        String path = JsonBodies.requiredText(body, "path");
        if (!upstreamPaths.contains(path)) {
            throw HttpProblem.badRequest(
                    "Faults apply to the simulated WeCom and WeChat paths: " + String.join(", ", upstreamPaths));
        }
        if ((type == Type.ERRCODE || type == Type.MALFORMED_JSON) && !isJsonApi(path)) {
            throw HttpProblem.badRequest(
                    type.value() + " faults apply to the JSON API paths (/cgi-bin/, /sns/, /wxa/) only");
        }
        Long count = JsonBodies.optionalLong(body, "count", 1, Integer.MAX_VALUE);
        long argument = switch (type) {
            case ERRCODE -> nonZeroErrcode(JsonBodies.requiredLong(body, "errcode", -1, 999_999_999));
            case HTTP_STATUS -> JsonBodies.requiredLong(body, "status", 200, 599);
            case LATENCY -> JsonBodies.requiredLong(body, "millis", 1, MAX_LATENCY_MILLIS);
            case MALFORMED_JSON, HOLD -> 0;
        };
        String errmsg = type == Type.ERRCODE ? JsonBodies.optionalText(body, "errmsg") : null;
        return new Fault(registry.nextId(), type, path, argument, errmsg, count);
    }

    private static boolean isJsonApi(String path) {
        return path.startsWith("/cgi-bin/") || path.startsWith("/sns/") || path.startsWith("/wxa/");
    }

    private static long nonZeroErrcode(long errcode) {
        if (errcode == 0) {
            throw HttpProblem.badRequest("\"errcode\" 0 is success, not a fault");
        }
        return errcode;
    }
}
