package io.wegate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP calls of one API-flow login, over one shared {@link HttpClient} (HTTP/1.1, no redirects followed, no
 * proxy). Never throws for a failed call: it records the failure on the attempt.
 */
final class LoginFlowClient {

    static final String STEP_AUTHORIZE_URL = "authorize-url";
    static final String STEP_CODE = "sandbox-code";
    static final String STEP_LOGIN = "login";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final JsonMapper json;
    private final String gateway;
    private final String sandbox;
    private final String redirectUri;
    private final String agentId;

    LoginFlowClient(HttpClient http, JsonMapper json, DriverOptions options, String agentId) {
        this.http = http;
        this.json = json;
        this.gateway = options.gateway().toString();
        this.sandbox = options.sandbox().toString();
        this.redirectUri = options.effectiveRedirectUri();
        this.agentId = agentId;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Step 1: {@code GET /api/v1/login/wecom/authorize-url}; timed. */
    void authorizeUrl(LoginAttempt attempt) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(gateway + "/api/v1/login/wecom/authorize-url?redirect_uri="
                                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        long start = System.nanoTime();
        Reply reply = send(request, attempt, STEP_AUTHORIZE_URL);
        long elapsed = System.nanoTime() - start;
        if (reply == null) {
            return;
        }
        if (reply.status() != 200) {
            attempt.fail(STEP_AUTHORIZE_URL, Integer.toString(reply.status()), reply.body());
            return;
        }
        JsonNode answer = parse(reply.body());
        String state = text(answer, "state");
        if (state == null || text(answer, "url") == null) {
            attempt.fail(STEP_AUTHORIZE_URL, "200 without url/state", reply.body());
            return;
        }
        attempt.state = state;
        attempt.authorizeUrlNanos = elapsed;
    }

    /** Step 2: {@code POST /sandbox/codes}, the person consenting; not timed. */
    void mintCode(LoginAttempt attempt) {
        ObjectNode body = json.createObjectNode()
                .put("flow", "wecom-web")
                .put("agentid", agentId)
                .put("userid", attempt.userid)
                .put("scope", "snsapi_base")
                .put("redirect_uri", redirectUri);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/codes"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        Reply reply = send(request, attempt, STEP_CODE);
        if (reply == null) {
            return;
        }
        if (reply.status() != 201) {
            attempt.fail(STEP_CODE, Integer.toString(reply.status()), reply.body());
            return;
        }
        String code = text(parse(reply.body()), "code");
        if (code == null) {
            attempt.fail(STEP_CODE, "201 without code", reply.body());
            return;
        }
        attempt.code = code;
    }

    /** Step 3: {@code POST /api/v1/login/wecom}; timed: this is the login latency. */
    void login(LoginAttempt attempt) {
        ObjectNode body = json.createObjectNode().put("code", attempt.code).put("state", attempt.state);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/login/wecom"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        long start = System.nanoTime();
        Reply reply = send(request, attempt, STEP_LOGIN);
        long elapsed = System.nanoTime() - start;
        if (reply == null) {
            return;
        }
        if (reply.status() != 200) {
            attempt.fail(STEP_LOGIN, Integer.toString(reply.status()), reply.body());
            return;
        }
        JsonNode answer = parse(reply.body());
        if (text(answer, "access_token") == null || !"Bearer".equals(text(answer, "token_type"))) {
            attempt.fail(STEP_LOGIN, "200 without a Bearer access_token", reply.body());
            return;
        }
        attempt.loginNanos = elapsed;
        attempt.succeeded = true;
    }

    /** {@code GET path} on the sandbox, parsed; throws {@link IllegalStateException} unless it answers 200. */
    JsonNode getSandboxJson(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + sandbox + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + sandbox + path, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + sandbox + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return json.readTree(response.body());
    }

    private Reply send(HttpRequest request, LoginAttempt attempt, String step) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            attempt.fail(step, "timeout", e.toString());
        } catch (IOException e) {
            attempt.fail(step, e.getClass().getSimpleName(), e.toString());
        } catch (InterruptedException e) {
            // Cut off by the overall time limit: neither a success nor a failure, left out of the figures.
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** The body as JSON, or {@code null} if it is not JSON. */
    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A non-blank string field of {@code node}, or {@code null}. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    static String abbreviate(String s) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    private record Reply(int status, String body) {}
}
