package io.wegate.sandbox.tooling;

import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /sandbox/codes}: mints an OAuth code for a test without driving a browser through the flow. */
public final class CodesEndpoint {

    public static final String PATH = "/sandbox/codes";

    private final Map<String, CodeFlow> flows = new LinkedHashMap<>();

    public CodesEndpoint(List<CodeFlow> flows) {
        flows.forEach(flow -> this.flows.put(flow.name(), flow));
    }

    public SandboxResponse post(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        String name = JsonBodies.optionalText(body, "flow");
        CodeFlow flow = name == null ? null : flows.get(name);
        if (flow == null) {
            throw HttpProblem.badRequest((name == null ? "\"flow\" is required" : "Unknown flow \"" + name + "\"")
                    + "; supported flows: " + String.join(", ", flows.keySet()));
        }
        return SandboxResponse.json(201, flow.issue(body));
    }
}
