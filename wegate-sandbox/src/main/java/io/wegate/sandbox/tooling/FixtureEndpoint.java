package io.wegate.sandbox.tooling;

import io.wegate.sandbox.SandboxFixture;
import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.WeChatFixture;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wecom.WeComDirectory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sandbox/fixture}: the simulated corp and WeChat apps, secrets included (it is a sandbox), with the
 * trusted and redirect domains as they are now, including ones added at runtime, and every WeChat user's openid per app.
 */
public final class FixtureEndpoint {

    public static final String PATH = "/sandbox/fixture";

    private final WeComDirectory directory;
    private final WeChatDirectory wechat;

    public FixtureEndpoint(WeComDirectory directory, WeChatDirectory wechat) {
        this.directory = directory;
        this.wechat = wechat;
    }

    public SandboxResponse get(SandboxRequest request) {
        SandboxFixture fixture = directory.fixture();
        ObjectNode body = Json.object().put("corpid", fixture.corpId()).put("name", fixture.corpName());
        fixture.contactSyncSecret()
                .ifPresent(secret -> body.putObject("contact_sync")
                        .put("secret", secret)
                        .put("new_ip", fixture.corp().contactSyncNewIp()));
        body.set("departments", Json.mapper().valueToTree(fixture.departments()));
        ArrayNode apps = body.putArray("apps");
        for (App app : fixture.apps()) {
            ObjectNode json = Json.mapper().valueToTree(app);
            ArrayNode domains = json.putArray("trusted_domains");
            directory.trustedDomains(app.agentId()).forEach(domains::add);
            json.put("privacy_rule_applies", app.privacyRuleApplies());
            apps.add(json);
        }
        body.set("members", Json.mapper().valueToTree(directory.members()));
        body.set("guest", Json.mapper().valueToTree(fixture.guest()));
        body.set("wechat", wechat());
        return SandboxResponse.json(200, body);
    }

    private ObjectNode wechat() {
        ObjectNode json = Json.object();
        ArrayNode apps = json.putArray("apps");
        for (WeChatFixture.App app : wechat.fixture().wechatApps()) {
            ObjectNode entry = Json.mapper().valueToTree(app);
            String domainsKey = app.kind() == WeChatFixture.Kind.WEBSITE ? "auth_domains" : "web_auth_domains";
            entry.remove("web_auth_domains");
            entry.remove("auth_domains");
            if (app.kind() != WeChatFixture.Kind.MINIPROGRAM) {
                ArrayNode domains = entry.putArray(domainsKey);
                wechat.domains(app.appid()).forEach(domains::add);
            }
            apps.add(entry);
        }
        ArrayNode users = json.putArray("users");
        for (WeChatFixture.User user : wechat.fixture().wechatUsers()) {
            ObjectNode entry = Json.mapper().valueToTree(user);
            ObjectNode openids = entry.putObject("openids");
            wechat.fixture().wechatApps().forEach(app -> openids.put(app.appid(), user.openidFor(app.appid())));
            users.add(entry);
        }
        return json;
    }
}
