package io.wegate.bench;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code contender}: the login of an app a team writes instead of wegate (wegate-bench-apps: WxJava, the naive app,
 * the Redis-lock app). The sandbox mints a WeCom {@code snsapi_base} code (untimed), and {@code POST /login}
 * {@code {code}} answers 200 {@code {access_token, user_id}}: code → {@code auth/getuserinfo} → {@code user/get} →
 * local user upserted → JWT signed, the same job as wegate's {@code wecom-api} login step.
 */
final class ContenderFlow implements LoginFlow {

    static final String NAME = "contender";

    private final LoginFlowClient client;
    private final String agentId;
    private final String redirectUri;
    private final List<String> users;

    ContenderFlow(LoginFlowClient client, String agentId, String redirectUri, List<String> users) {
        this.client = client;
        this.agentId = agentId;
        this.redirectUri = redirectUri;
        this.users = users;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String startStep() {
        return null;
    }

    @Override
    public String loginStep() {
        return "POST /login";
    }

    @Override
    public String app() {
        return "agentid " + agentId;
    }

    @Override
    public String appTokenPath() {
        return LoginFlows.WECOM_TOKEN_PATH;
    }

    @Override
    public List<String> users() {
        return users;
    }

    @Override
    public void mint(LoginAttempt attempt) {
        WeComApiFlow.mintWebCode(client, attempt, agentId, redirectUri);
    }

    @Override
    public void login(LoginAttempt attempt) {
        ObjectNode body = client.object().put("code", attempt.code);
        long start = System.nanoTime();
        LoginFlowClient.Reply reply = client.send(
                client.postToGateway(attempt.loginInstance, "/login", body).build(),
                attempt,
                LoginFlowClient.STEP_LOGIN);
        long elapsed = System.nanoTime() - start;
        if (reply == null) {
            return;
        }
        if (reply.status() != 200) {
            attempt.fail(LoginFlowClient.STEP_LOGIN, Integer.toString(reply.status()), reply.body());
            return;
        }
        JsonNode answer = client.parse(reply.body());
        if (LoginFlowClient.text(answer, "access_token") == null) {
            attempt.fail(LoginFlowClient.STEP_LOGIN, "200 without an access_token", reply.body());
            return;
        }
        attempt.loginNanos = elapsed;
        attempt.succeeded = true;
    }
}
