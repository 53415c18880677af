package io.wegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A sandbox on a random port with a frozen clock, plus a real HTTP client talking to it. */
final class TestSandbox implements AutoCloseable {

    /** 09:00 in Beijing, so a few hours of advancing stay within one quota day. */
    static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

    static final String CORP_ID = "ww5a1d2e3f4b6c7d80";
    /** Created 2024: the 2022-06-20 privacy rule applies; sees the whole corp. */
    static final String NEW_APP = "1000002";
    /** Created 2021: full contact fields; sees only 研发部 (department 2). */
    static final String OLD_APP = "1000003";

    static final String TRUSTED_REDIRECT = "http://localhost:8080/callback";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Sandbox sandbox;
    final SandboxClock clock;

    private TestSandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.clock = sandbox.clock();
    }

    static TestSandbox start() {
        return start(b -> b);
    }

    static TestSandbox start(UnaryOperator<Sandbox.Builder> customizer) {
        Sandbox.Builder builder = Sandbox.builder().clock(new SandboxClock(START, ZoneOffset.UTC));
        return new TestSandbox(customizer.apply(builder).start());
    }

    String secret(String agentId) {
        return sandbox.fixture().app(agentId).orElseThrow().secret();
    }

    JsonNode getJson(String pathAndQuery) {
        return json(send("GET", pathAndQuery, null));
    }

    JsonNode postJson(String path, String body) {
        return json(send("POST", path, body));
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header(
                    "Content-Type", body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        }
        try {
            return HTTP.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A fresh access token of the app, asserting gettoken succeeded. */
    String token(String agentId) {
        JsonNode body = getJson("/cgi-bin/gettoken?corpid=" + CORP_ID + "&corpsecret=" + secret(agentId));
        assertThat(body.get("errcode").asInt()).as(body.toString()).isZero();
        return body.get("access_token").asString();
    }

    /** A code minted through {@code POST /sandbox/codes}, as if the member had consented on the authorize page. */
    String code(String agentId, String userid, String scope) {
        return mint("{\"flow\":\"wecom-web\",\"agentid\":\"" + agentId + "\",\"userid\":\"" + userid + "\",\"scope\":\""
                + scope + "\"}");
    }

    String mint(String requestJson) {
        HttpResponse<String> response = send("POST", "/sandbox/codes", requestJson);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("code").asString();
    }

    JsonNode exchange(String token, String code) {
        return getJson("/cgi-bin/auth/getuserinfo?access_token=" + token + "&code=" + code);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
