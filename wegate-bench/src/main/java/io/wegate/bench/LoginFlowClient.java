package io.wegate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP calls the login flows share, over one {@link HttpClient} (HTTP/1.1, no redirects followed, no proxy, no
 * cookie store: every login is its own browser). Calls made for a login never throw: they record the failure on the
 * attempt.
 */
final class LoginFlowClient {

    static final String STEP_START = "start";
    static final String STEP_CODE = "sandbox-code";
    static final String STEP_PHONE_CODE = "sandbox-phone-code";
    static final String STEP_LOGIN = "login";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final JsonMapper json;
    private final List<String> gateways;
    private final String sandbox;

    LoginFlowClient(HttpClient http, JsonMapper json, DriverOptions options) {
        this.http = http;
        this.json = json;
        this.gateways = options.gateways().stream().map(URI::toString).toList();
        this.sandbox = options.sandbox().toString();
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The base URL of gateway instance {@code instance} (an index into {@code --gateway}). */
    String gateway(int instance) {
        return gateways.get(instance);
    }

    /** Every gateway instance's base URL, in {@code --gateway} order. */
    List<String> gateways() {
        return gateways;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** A GET of {@code uri}, which must be the gateway's or checked to be on this machine. */
    HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
    }

    /** A JSON POST of {@code body} to {@code <gateway instance>path}. */
    HttpRequest.Builder postToGateway(int instance, String path, ObjectNode body) {
        return post(gateway(instance) + path, body);
    }

    private HttpRequest.Builder post(String uri, ObjectNode body) {
        return HttpRequest.newBuilder(URI.create(uri))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }

    /**
     * {@code POST /sandbox/codes} with {@code body}: the person signing in, not timed.
     *
     * @return the code, or {@code null} when the attempt failed (recorded on it)
     */
    String mintCode(LoginAttempt attempt, String step, ObjectNode body) {
        Reply reply = send(post(sandbox + "/sandbox/codes", body).build(), attempt, step);
        if (reply == null) {
            return null;
        }
        if (reply.status() != 201) {
            attempt.fail(step, Integer.toString(reply.status()), reply.body());
            return null;
        }
        String code = text(parse(reply.body()), "code");
        if (code == null) {
            attempt.fail(step, "201 without code", reply.body());
        }
        return code;
    }

    /**
     * Sends a login call that answers with tokens, timed; on a 200 with a Bearer access token marks the attempt
     * succeeded with that latency.
     */
    void tokenLogin(LoginAttempt attempt, HttpRequest request) {
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

    /** {@code GET path} on the sandbox, parsed; throws {@link IllegalStateException} unless it answers 2xx. */
    JsonNode getSandboxJson(String path) {
        return sandboxJson(
                "GET", path, HttpRequest.newBuilder(URI.create(sandbox + path)).GET());
    }

    /** {@code POST path} of {@code body} on the sandbox, parsed; throws {@link IllegalStateException} unless 2xx. */
    JsonNode postSandboxJson(String path, ObjectNode body) {
        return sandboxJson("POST", path, post(sandbox + path, body));
    }

    private JsonNode sandboxJson(String method, String path, HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + sandbox + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + sandbox + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + sandbox + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return json.readTree(response.body());
    }

    /** Sends {@code request}; {@code null} after recording a transport failure, or when cut off by the time limit. */
    Reply send(HttpRequest request, LoginAttempt attempt, String step) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
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
    JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** A non-blank string field of {@code node}, or {@code null}. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    record Reply(int status, String body, HttpHeaders headers) {}
}
