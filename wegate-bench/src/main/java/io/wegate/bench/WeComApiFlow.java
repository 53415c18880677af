package io.wegate.bench;

import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code wecom-api}: (1) {@code GET /api/v1/login/wecom/authorize-url} gives {@code {url, state}}, (2) the sandbox
 * mints a {@code wecom-web} code for the redirect URI, (3) {@code POST /api/v1/login/wecom} {@code {code, state, state_verifier}}
 * answers 200 with tokens.
 */
final class WeComApiFlow implements LoginFlow {

    private final LoginFlowClient client;
    private final String agentId;
    private final String redirectUri;
    private final List<String> users;

    WeComApiFlow(LoginFlowClient client, String agentId, String redirectUri, List<String> users) {
        this.client = client;
        this.agentId = agentId;
        this.redirectUri = redirectUri;
        this.users = users;
    }

    @Override
    public String name() {
        return LoginFlows.WECOM_API;
    }

    @Override
    public String startStep() {
        return "GET /api/v1/login/wecom/authorize-url";
    }

    @Override
    public String loginStep() {
        return "POST /api/v1/login/wecom";
    }

    @Override
    public String app() {
        return "agentid " + agentId + ", redirect_uri " + redirectUri;
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
    public void start(LoginAttempt attempt) {
        // the verifier is made outside the timed window, as a front end would before the request
        attempt.stateVerifier = verifier();
        URI uri = URI.create(client.gateway(attempt.startInstance) + "/api/v1/login/wecom/authorize-url?redirect_uri="
                + LoginFlowClient.encode(redirectUri) + "&state_challenge=" + challenge(attempt.stateVerifier));
        long start = System.nanoTime();
        LoginFlowClient.Reply reply = client.send(
                client.get(uri).header("Accept", "application/json").build(), attempt, LoginFlowClient.STEP_START);
        long elapsed = System.nanoTime() - start;
        if (reply == null) {
            return;
        }
        if (reply.status() != 200) {
            attempt.fail(LoginFlowClient.STEP_START, Integer.toString(reply.status()), reply.body());
            return;
        }
        JsonNode answer = client.parse(reply.body());
        String state = LoginFlowClient.text(answer, "state");
        if (state == null || LoginFlowClient.text(answer, "url") == null) {
            attempt.fail(LoginFlowClient.STEP_START, "200 without url/state", reply.body());
            return;
        }
        attempt.state = state;
        attempt.startNanos = elapsed;
    }

    @Override
    public void mint(LoginAttempt attempt) {
        mintWebCode(client, attempt, agentId, redirectUri);
    }

    /** The sandbox mints the {@code snsapi_base} code WeCom's in-client OAuth gives {@code attempt.user} for the app. */
    static void mintWebCode(LoginFlowClient client, LoginAttempt attempt, String agentId, String redirectUri) {
        ObjectNode body = client.object()
                .put("flow", "wecom-web")
                .put("agentid", agentId)
                .put("userid", attempt.user)
                .put("scope", "snsapi_base")
                .put("redirect_uri", redirectUri);
        attempt.code = client.mintCode(attempt, LoginFlowClient.STEP_CODE, body);
    }

    @Override
    public void login(LoginAttempt attempt) {
        ObjectNode body = client.object()
                .put("code", attempt.code)
                .put("state", attempt.state)
                .put("state_verifier", attempt.stateVerifier);
        client.tokenLogin(
                attempt,
                client.postToGateway(attempt.loginInstance, "/api/v1/login/wecom", body)
                        .build());
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    static String verifier() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** BASE64URL(SHA-256(verifier)), as the gateway expects in {@code state_challenge}. */
    static String challenge(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
