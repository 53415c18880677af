package io.wegate.bench.apps.wxjava;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the app under test and to the in-process sandbox. */
final class BenchHttp {

    static final String AGENT_ID = "1000002";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchHttp() {}

    /** The app on a random port, talking to the sandbox; extra arguments as on the command line. */
    static ConfigurableApplicationContext startApp(Sandbox sandbox, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--bench.sandbox=" + sandbox.baseUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        return WxJavaCpApp.application().run(all);
    }

    static URI baseUrl(ConfigurableApplicationContext app) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }

    /** A WeCom web-login code for the member, as if they had just consented ({@code POST /sandbox/codes}). */
    static String mintCode(Sandbox sandbox, String userid) {
        HttpResponse<String> minted = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/codes"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"flow\":\"wecom-web\",\"agentid\":\"" + AGENT_ID + "\",\"userid\":\""
                        + userid + "\",\"scope\":\"snsapi_base\"}")));
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        return json(minted).get("code").asString();
    }

    static HttpResponse<String> login(ConfigurableApplicationContext app, String body) {
        return send(HttpRequest.newBuilder(baseUrl(app).resolve("/login"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> loginWithCode(ConfigurableApplicationContext app, String code) {
        return login(app, "{\"code\":\"" + code + "\"}");
    }

    static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
