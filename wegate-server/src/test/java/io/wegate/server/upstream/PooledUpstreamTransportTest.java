package io.wegate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wegate.client.UpstreamTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wegate's upstream HTTP stack against a real HTTP server of the JDK, on loopback. */
class PooledUpstreamTransportTest {

    private HttpServer server;
    private PooledUpstreamTransport transport;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/echo", ex -> {
            calls.incrementAndGet();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " accept="
                    + ex.getRequestHeaders().getFirst("Accept") + " type="
                    + ex.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
            answer(ex, 200, "{\"errcode\":0,\"name\":\"张三\"}");
        });
        server.createContext("/busy", ex -> answer(ex, 503, "busy"));
        server.createContext("/hold", ex -> {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "{}");
        });
        server.createContext("/hang-up", ex -> {
            calls.incrementAndGet();
            // reads the request, then closes the connection without a status line
            ex.getRequestBody().readAllBytes();
            ex.close();
        });
        server.start();
        transport = new PooledUpstreamTransport(Duration.ofSeconds(2), 10);
    }

    @AfterEach
    void stop() {
        release.countDown();
        transport.close();
        server.stop(0);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void whenGetThenJsonAskedForAndUtf8BodyRead() throws Exception {
        UpstreamTransport.Response r =
                transport.send(uri("/echo?access_token=t&userid=zhangsan"), null, Duration.ofSeconds(2));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"errcode\":0,\"name\":\"张三\"}");
        assertThat(seen)
                .containsExactly("GET /echo?access_token=t&userid=zhangsan accept=application/json type=null body=");
    }

    @Test
    void whenPostThenBodySentAsUtf8Json() throws Exception {
        transport.send(uri("/echo"), "{\"name\":\"李四\"}", Duration.ofSeconds(2));

        assertThat(seen)
                .containsExactly(
                        "POST /echo accept=application/json type=application/json; charset=UTF-8 body={\"name\":\"李四\"}");
    }

    @Test
    void whenAnswerIsNot200ThenStatusAndBodyReturnedAsTheyAre() throws Exception {
        UpstreamTransport.Response r = transport.send(uri("/busy"), null, Duration.ofSeconds(2));

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("busy");
    }

    @Test
    void whenCallsFollowEachOtherThenOneConnectionServesThemAll() throws Exception {
        for (int i = 0; i < 5; i++) {
            transport.send(uri("/echo"), null, Duration.ofSeconds(2));
        }

        assertThat(calls).hasValue(5);
        assertThat(transport.pool().getTotalStats().getAvailable()).isEqualTo(1);
        assertThat(transport.pool().getTotalStats().getLeased()).isZero();
    }

    @Test
    void whenNoAnswerWithinTheTimeoutThenHttpTimeoutException() {
        assertThatThrownBy(() -> transport.send(uri("/hold"), null, Duration.ofMillis(200)))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("200 ms");
        assertThat(calls).hasValue(1);
    }

    @Test
    void whenNothingListensThenConnectExceptionAsNothingWasSent() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        assertThatThrownBy(() ->
                        transport.send(URI.create("http://127.0.0.1:" + closed + "/x"), null, Duration.ofSeconds(2)))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void whenUpstreamHangsUpAfterTheRequestThenIoFailureAndTheRequestIsNotSentAgain() {
        // a retried GET of auth/getuserinfo would spend its code twice: the client decides, the transport never retries
        assertThatThrownBy(() -> transport.send(uri("/hang-up?code=once"), null, Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class)
                .isNotInstanceOf(ConnectException.class);
        assertThat(calls).hasValue(1);
    }
}
