package io.wegate.bench.apps.wecomlogin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A contender started by a test on a random port against a {@link TestUpstream}, with the sandbox's frozen clock as
 * its {@link java.time.Clock} and a JWT secret of the test's own; spoken to over real HTTP.
 */
public final class RunningContender implements AutoCloseable {

    /** The answer to {@code POST /login}. */
    public record Answer(int status, JsonNode body) {}

    private final ConfigurableApplicationContext context;
    private final URI baseUrl;
    private final String jwtSecret;

    private RunningContender(ConfigurableApplicationContext context, String jwtSecret) {
        this.context = context;
        this.baseUrl = URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort());
        this.jwtSecret = jwtSecret;
    }

    /** Runs {@code application} against {@code upstream}, with {@code args} added to the command line. */
    public static RunningContender start(SpringApplicationBuilder application, TestUpstream upstream, String... args) {
        String jwtSecret = "test-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        String[] commandLine = new String[args.length + 3];
        commandLine[0] = "--server.port=0";
        commandLine[1] = "--bench.sandbox=" + upstream.baseUrl();
        commandLine[2] = "--bench.jwt-secret=" + jwtSecret;
        System.arraycopy(args, 0, commandLine, 3, args.length);
        ConfigurableApplicationContext context = application
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", upstream.clock()))
                .run(commandLine);
        return new RunningContender(context, jwtSecret);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public Answer login(String code) {
        return answer(loginRequest("{\"code\":\"" + code + "\"}"));
    }

    /** The login sent without waiting for its answer. */
    public CompletableFuture<Answer> loginAsync(String code) {
        return TestUpstream.HTTP
                .sendAsync(loginRequest("{\"code\":\"" + code + "\"}"), HttpResponse.BodyHandlers.ofString())
                .thenApply(RunningContender::answer);
    }

    public Answer post(String path, String body) {
        return answer(HttpRequest.newBuilder(baseUrl.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public int get(String path) {
        return TestUpstream.send(HttpRequest.newBuilder(baseUrl.resolve(path)).build())
                .statusCode();
    }

    /** The claims of a session JWT, after checking its HS256 signature with the secret the contender was given. */
    public JWTClaimsSet verify(String jwt) throws ParseException, JOSEException {
        SignedJWT parsed = SignedJWT.parse(jwt);
        if (!parsed.verify(new MACVerifier(jwtSecret.getBytes(StandardCharsets.UTF_8)))) {
            throw new AssertionError("the session JWT does not verify with the contender's secret");
        }
        return parsed.getJWTClaimsSet();
    }

    private HttpRequest loginRequest(String body) {
        return HttpRequest.newBuilder(baseUrl.resolve("/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private Answer answer(HttpRequest request) {
        return answer(TestUpstream.send(request));
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), TestUpstream.JSON.readTree(response.body()));
    }

    @Override
    public void close() {
        context.close();
    }
}
