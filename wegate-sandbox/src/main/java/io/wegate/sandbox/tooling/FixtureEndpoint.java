package io.wegate.sandbox.tooling;

import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wecom.WeComDirectory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sandbox/fixture}: the simulated corp, secrets included (it is a sandbox), with the trusted domains as
 * they are now, including ones added at runtime.
 */
public final class FixtureEndpoint {

    public static final String PATH = "/sandbox/fixture";

    private final WeComDirectory directory;

    public FixtureEndpoint(WeComDirectory directory) {
        this.directory = directory;
    }

    public SandboxResponse get(SandboxRequest request) {
        SandboxFixture fixture = directory.fixture();
        ObjectNode body = Json.object().put("corpid", fixture.corpId()).put("name", fixture.corpName());
        body.set("departments", Json.mapper().valueToTree(fixture.departments()));
        ArrayNode apps = body.putArray("apps");
        for (App app : fixture.apps()) {
            ObjectNode json = Json.mapper().valueToTree(app);
            ArrayNode domains = json.putArray("trusted_domains");
            directory.trustedDomains(app.agentId()).forEach(domains::add);
            json.put("privacy_rule_applies", app.privacyRuleApplies());
            apps.add(json);
        }
        body.set("members", Json.mapper().valueToTree(fixture.members()));
        body.set("guest", Json.mapper().valueToTree(fixture.guest()));
        return SandboxResponse.json(200, body);
    }
}
