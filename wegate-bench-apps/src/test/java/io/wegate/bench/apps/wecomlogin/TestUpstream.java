package io.wegate.bench.apps.wecomlogin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contenders' upstream in a test: wegate's sandbox in-process on a random port, its clock frozen, spoken to over
 * HTTP as the bench speaks to it ({@code /sandbox/codes}, {@code /sandbox/stats}, {@code /sandbox/faults}).
 */
public final class TestUpstream implements AutoCloseable {

    /** 09:00 in Beijing, so that hours of advancing stay within one gettoken quota day. */
    public static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

    /** The demo fixture's app, the contenders' default credentials. */
    public static final String AGENT_ID = "1000002";

    public static final String GETTOKEN = "/cgi-bin/gettoken";

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Sandbox sandbox;

    private TestUpstream(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static TestUpstream start() {
        return new TestUpstream(
                Sandbox.builder().clock(new SandboxClock(START, ZoneOffset.UTC)).start());
    }

    public URI baseUrl() {
        return sandbox.baseUrl();
    }

    public SandboxClock clock() {
        return sandbox.clock();
    }

    /** The app secret of the demo app, for a test that plays another client of the same app. */
    public String secret() {
        return sandbox.fixture().app(AGENT_ID).orElseThrow().secret();
    }

    /** A {@code wecom-web} code of the member, as if they had consented on the authorize page. */
    public String mintCode(String userid) {
        HttpResponse<String> minted = send(
                "POST",
                "/sandbox/codes",
                "{\"flow\":\"wecom-web\",\"agentid\":\"" + AGENT_ID + "\",\"userid\":\"" + userid
                        + "\",\"scope\":\"snsapi_base\"}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        return JSON.readTree(minted.body()).get("code").asString();
    }

    /** Calls of the upstream path so far, from {@code GET /sandbox/stats}. */
    public long calls(String path) {
        JsonNode calls =
                JSON.readTree(send("GET", "/sandbox/stats", null).body()).get("calls");
        return calls.has(path) ? calls.get(path).asLong() : 0;
    }

    /** WeCom dropping every token early ({@code POST /sandbox/faults {"type":"invalidate-tokens"}}): they answer 40014. */
    public void invalidateTokens() {
        HttpResponse<String> answer = send("POST", "/sandbox/faults", "{\"type\":\"invalidate-tokens\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    /** A gettoken of the demo app's own, as another service holding the same secret would call it. */
    public JsonNode gettoken() {
        return JSON.readTree(
                send("GET", GETTOKEN + "?corpid=" + sandbox.fixture().corpId() + "&corpsecret=" + secret(), null)
                        .body());
    }

    /** Calls to {@code path} wait until the hold is released (see {@link Sandbox#hold}). */
    public io.wegate.sandbox.fault.Hold hold(String path, int calls) {
        return sandbox.hold(path, calls);
    }

    HttpResponse<String> send(String method, String pathAndQuery, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return TestUpstream.send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
