package io.wegate.bench;

import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code direct}: the two upstream calls of a login made by the driver itself against the sandbox, with an app token it
 * fetched itself before the run ({@code gettoken}, once): {@code auth/getuserinfo} with the code, then {@code user/get}
 * with the userid. Its latency is the floor under every contender's login: a login's overhead at concurrency 1 is its
 * p50 minus this p50 (same sandbox, same machine, the driver's JDK {@code HttpClient}).
 */
final class DirectFlow implements LoginFlow {

    static final String NAME = "direct";

    static final String GETUSERINFO = "/cgi-bin/auth/getuserinfo";
    static final String USER_GET = "/cgi-bin/user/get";

    private final LoginFlowClient client;
    private final String sandbox;
    private final String agentId;
    private final String redirectUri;
    private final List<String> users;
    private final String accessToken;

    private DirectFlow(
            LoginFlowClient client,
            String sandbox,
            String agentId,
            String redirectUri,
            List<String> users,
            String accessToken) {
        this.client = client;
        this.sandbox = sandbox;
        this.agentId = agentId;
        this.redirectUri = redirectUri;
        this.users = users;
        this.accessToken = accessToken;
    }

    /**
     * Reads the corp's secret of {@code agentId} from the fixture and fetches an app token.
     *
     * @throws IllegalStateException when the fixture has no such app or gettoken fails
     */
    static DirectFlow create(
            LoginFlowClient client, DriverOptions options, String agentId, String redirectUri, List<String> users) {
        JsonNode fixture = client.getSandboxJson("/sandbox/fixture");
        String corpId = BenchFixture.corpId(fixture);
        String secret = BenchFixture.appSecret(fixture, agentId);
        if (corpId == null || secret == null) {
            throw new IllegalStateException(
                    "the sandbox fixture has no corpid or no app " + agentId + " with a secret");
        }
        JsonNode token = client.getSandboxJson(LoginFlows.WECOM_TOKEN_PATH + "?corpid=" + LoginFlowClient.encode(corpId)
                + "&corpsecret=" + LoginFlowClient.encode(secret));
        String accessToken = LoginFlowClient.text(token, "access_token");
        if (token.path("errcode").asInt(0) != 0 || accessToken == null) {
            throw new IllegalStateException("gettoken answered " + LoginFlowClient.abbreviate(token.toString()));
        }
        return new DirectFlow(client, options.sandbox().toString(), agentId, redirectUri, users, accessToken);
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
        return "auth/getuserinfo + user/get (direct)";
    }

    @Override
    public String app() {
        return "agentid " + agentId + " (token fetched once by the driver)";
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
        long start = System.nanoTime();
        JsonNode info = call(
                attempt,
                GETUSERINFO + "?access_token=" + LoginFlowClient.encode(accessToken) + "&code="
                        + LoginFlowClient.encode(attempt.code));
        if (info == null) {
            return;
        }
        String userid = LoginFlowClient.text(info, "userid");
        if (userid == null) {
            attempt.fail(LoginFlowClient.STEP_LOGIN, "getuserinfo without a userid", info.toString());
            return;
        }
        JsonNode member = call(
                attempt,
                USER_GET + "?access_token=" + LoginFlowClient.encode(accessToken) + "&userid="
                        + LoginFlowClient.encode(userid));
        if (member == null) {
            return;
        }
        attempt.loginNanos = System.nanoTime() - start;
        attempt.succeeded = true;
    }

    /** One upstream GET; its answer when 200 with errcode 0, else {@code null} with the failure recorded. */
    private JsonNode call(LoginAttempt attempt, String pathAndQuery) {
        LoginFlowClient.Reply reply = client.send(
                client.get(URI.create(sandbox + pathAndQuery)).build(), attempt, LoginFlowClient.STEP_LOGIN);
        if (reply == null) {
            return null;
        }
        JsonNode answer = client.parse(reply.body());
        if (reply.status() != 200 || answer == null) {
            attempt.fail(LoginFlowClient.STEP_LOGIN, Integer.toString(reply.status()), reply.body());
            return null;
        }
        int errcode = answer.path("errcode").asInt(0);
        if (errcode != 0) {
            attempt.fail(LoginFlowClient.STEP_LOGIN, "errcode " + errcode, reply.body());
            return null;
        }
        return answer;
    }
}
