package io.wegate.client.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.client.ErrorClass;
import io.wegate.client.RetryPolicy;
import io.wegate.client.UpstreamTransport;
import io.wegate.client.internal.http.HttpTransport;
import io.wegate.client.token.AccessTokenListener;
import io.wegate.sandbox.Sandbox;
import io.wegate.sandbox.SandboxFixture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the sandbox, over real HTTP. */
class WeComClientTest {

    static Sandbox sandbox;
    static WeComApp app;

    final List<Duration> sleeps = new ArrayList<>();
    final AtomicInteger fetches = new AtomicInteger();
    WeComClient client;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.builder().start();
        SandboxFixture.App a = sandbox.fixture().app("1000002").orElseThrow();
        app = new WeComApp(sandbox.fixture().corpId(), a.agentId(), a.secret());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        client = WeComClient.builder()
                .apiBaseUrl(sandbox.baseUrl())
                .clock(sandbox.clock())
                .requestTimeout(Duration.ofMillis(800))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .sleeper(sleeps::add)
                .tokenListener(new AccessTokenListener() {
                    @Override
                    public void onFetch(String key) {
                        fetches.incrementAndGet();
                    }
                })
                .build();
    }

    @AfterEach
    void tearDown() {
        sandbox.clearFaults();
    }

    private String code(String userid, String scope) throws Exception {
        String body = "{\"flow\":\"wecom-web\",\"agentid\":\"1000002\",\"userid\":\"" + userid + "\",\"scope\":\""
                + scope + "\"}";
        return field(post("/sandbox/codes", body), "code");
    }

    private void fault(String json) throws Exception {
        post("/sandbox/faults", json);
    }

    private static String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    private static String field(String json, String name) {
        return json.replaceAll(".*\"" + name + "\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @Test
    void getUserInfoWhenMemberCodeThenUserId() throws Exception {
        WeComUserInfo info = client.auth().getUserInfo(app, code("zhangsan", "snsapi_base"));
        assertThat(info).isEqualTo(new WeComUserInfo.Member("zhangsan", null, null));
    }

    @Test
    void getUserInfoWhenPrivateInfoThenTicketReadsMobileAndEmail() throws Exception {
        WeComUserInfo info = client.auth().getUserInfo(app, code("lisi", "snsapi_privateinfo"));
        WeComUserInfo.Member m = (WeComUserInfo.Member) info;
        assertThat(m.userTicket()).isNotBlank();

        WeComUserDetail detail = client.auth().getUserDetail(app, m.userTicket());

        SandboxFixture.Member lisi = sandbox.fixture().member("lisi").orElseThrow();
        assertThat(detail.userId()).isEqualTo("lisi");
        assertThat(detail.mobile()).isEqualTo(lisi.mobile());
        assertThat(detail.email()).isEqualTo(lisi.email());
    }

    @Test
    void getUserInfoWhenCodeUsedTwiceThenInvalidCode40029() throws Exception {
        String code = code("wangwu", "snsapi_base");
        client.auth().getUserInfo(app, code);
        assertThatThrownBy(() -> client.auth().getUserInfo(app, code))
                .isInstanceOfSatisfying(WeComException.class, e -> {
                    assertThat(e.errcode()).hasValue(40029);
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.USER_ERROR);
                    assertThat(e.requestIdHint()).isNotBlank();
                    assertThat(e.getMessage()).doesNotContain(code);
                });
    }

    @Test
    void userGetWhenAppCreatedAfter2022ThenNoMobileOrEmail() {
        WeComUser user = client.users().get(app, "zhangsan");
        assertThat(user.name()).isEqualTo("张三");
        assertThat(user.departments()).isNotEmpty();
        assertThat(user.mobile()).isNull();
        assertThat(user.email()).isNull();
    }

    @Test
    void callWhenUpstreamBusyTwiceThenRetriedWithBackoffAndSucceeds() throws Exception {
        client.accessToken(app);
        fault("{\"type\":\"errcode\",\"path\":\"/cgi-bin/user/get\",\"errcode\":-1,\"count\":2}");
        assertThat(client.users().get(app, "zhangsan").userId()).isEqualTo("zhangsan");
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void callWhenUpstreamBusyBeyondThreeRetriesThenFailsWithErrcodeMinusOne() throws Exception {
        client.accessToken(app);
        fault("{\"type\":\"errcode\",\"path\":\"/cgi-bin/user/get\",\"errcode\":-1,\"count\":9}");
        assertThatThrownBy(() -> client.users().get(app, "zhangsan"))
                .isInstanceOfSatisfying(
                        WeComException.class, e -> assertThat(e.errcode()).hasValue(-1));
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void gettokenWhenQuotaExhaustedThenNotRetriedAndReportedAsQuota() throws Exception {
        fault("{\"type\":\"errcode\",\"path\":\"/cgi-bin/gettoken\",\"errcode\":45009,\"count\":5}");
        long before = sandbox.stats().getOrDefault("/cgi-bin/gettoken", 0L);
        assertThatThrownBy(() -> client.accessToken(app))
                .isInstanceOfSatisfying(
                        WeComException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.QUOTA));
        assertThat(sandbox.stats().get("/cgi-bin/gettoken") - before).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void gettokenWhenSecretWrongThenConfigurationErrorNotTokenRetry() {
        WeComApp wrong = new WeComApp(app.corpId(), app.agentId(), "wrong-secret");
        assertThatThrownBy(() -> client.users().get(wrong, "zhangsan"))
                .isInstanceOfSatisfying(WeComException.class, e -> {
                    assertThat(e.errcode()).hasValue(40001);
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.CONFIGURATION_ERROR);
                    assertThat(e.getMessage()).doesNotContain("wrong-secret");
                });
    }

    @Test
    void callWhenTokenInvalidatedEarlyThenOneRefreshAndCallSucceeds() throws Exception {
        client.accessToken(app);
        int before = fetches.get();
        sandbox.invalidateTokens();
        assertThat(client.users().get(app, "lisi").userId()).isEqualTo("lisi");
        assertThat(fetches.get() - before).isEqualTo(1);
    }

    @Test
    void callWhenUpstreamSlowerThanTimeoutThenTimeoutFailure() throws Exception {
        client.accessToken(app);
        fault("{\"type\":\"latency\",\"path\":\"/cgi-bin/user/get\",\"millis\":1500,\"count\":1}");
        assertThatThrownBy(() -> client.users().get(app, "zhangsan"))
                .isInstanceOfSatisfying(
                        WeComException.class, e -> assertThat(e.failure()).isEqualTo(WeComException.Failure.TIMEOUT));
    }

    @Test
    void callWhenBodyMalformedThenMalformedFailure() throws Exception {
        client.accessToken(app);
        fault("{\"type\":\"malformed-json\",\"path\":\"/cgi-bin/user/get\",\"count\":1}");
        assertThatThrownBy(() -> client.users().get(app, "zhangsan"))
                .isInstanceOfSatisfying(
                        WeComException.class,
                        e -> assertThat(e.failure()).isEqualTo(WeComException.Failure.MALFORMED_RESPONSE));
    }

    @Test
    void tokenWhenExpiryMarginReachedThenRefetched() {
        client.accessToken(app);
        int before = fetches.get();
        sandbox.clock().advance(Duration.ofSeconds(7200 - 299));
        client.accessToken(app);
        assertThat(fetches.get() - before).isEqualTo(1);
    }

    @Test
    void callWhenNothingListensThenRetriedAsNothingWasSentAndReportedAsConnectFailure() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        WeComClient nowhere = WeComClient.builder()
                .apiBaseUrl(URI.create("http://127.0.0.1:" + closed))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .sleeper(sleeps::add)
                .build();
        assertThatThrownBy(() -> nowhere.accessToken(app)).isInstanceOfSatisfying(WeComException.class, e -> {
            assertThat(e.failure()).isEqualTo(WeComException.Failure.CONNECT);
            assertThat(e.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
        });
        assertThat(sleeps).hasSize(3);
    }

    /** A transport plugged into the builder: records every call, then sends it over the JDK client or fails it. */
    private static final class RecordingTransport implements UpstreamTransport {
        final List<String> paths = new ArrayList<>();
        final List<Duration> timeouts = new ArrayList<>();
        final HttpTransport jdk = new HttpTransport(HttpTransport.newClient(Duration.ofSeconds(2)));
        volatile IOException failUserGet;

        @Override
        public Response send(URI uri, String jsonBody, Duration timeout) throws IOException, InterruptedException {
            synchronized (this) {
                paths.add(uri.getPath());
                timeouts.add(timeout);
            }
            if (failUserGet != null && uri.getPath().equals("/cgi-bin/user/get")) {
                throw failUserGet;
            }
            return jdk.send(uri, jsonBody, timeout);
        }
    }

    private WeComClient over(UpstreamTransport transport) {
        return WeComClient.builder()
                .apiBaseUrl(sandbox.baseUrl())
                .clock(sandbox.clock())
                .requestTimeout(Duration.ofMillis(800))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .sleeper(sleeps::add)
                .transport(transport)
                .build();
    }

    @Test
    void callWhenTransportPluggedInThenEveryCallGoesThroughItWithTheRequestTimeout() {
        RecordingTransport transport = new RecordingTransport();

        assertThat(over(transport).users().get(app, "zhangsan").name()).isEqualTo("张三");

        assertThat(transport.paths).containsExactly("/cgi-bin/gettoken", "/cgi-bin/user/get");
        assertThat(transport.timeouts).allSatisfy(t -> assertThat(t).isEqualTo(Duration.ofMillis(800)));
    }

    @Test
    void callWhenTransportTimesOutAfterSendingThenTimeoutFailureAndNoRetry() {
        RecordingTransport transport = new RecordingTransport();
        transport.failUserGet = new HttpTimeoutException("no answer");
        WeComClient plugged = over(transport);
        plugged.accessToken(app);

        assertThatThrownBy(() -> plugged.users().get(app, "zhangsan"))
                .isInstanceOfSatisfying(
                        WeComException.class, e -> assertThat(e.failure()).isEqualTo(WeComException.Failure.TIMEOUT));
        assertThat(transport.paths).containsExactly("/cgi-bin/gettoken", "/cgi-bin/user/get");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void callWhenTransportSentNothingThenConnectFailureRetriedAsSafe() {
        RecordingTransport transport = new RecordingTransport();
        transport.failUserGet = new ConnectException("refused");
        WeComClient plugged = over(transport);
        plugged.accessToken(app);

        assertThatThrownBy(() -> plugged.users().get(app, "zhangsan"))
                .isInstanceOfSatisfying(
                        WeComException.class, e -> assertThat(e.failure()).isEqualTo(WeComException.Failure.CONNECT));
        assertThat(transport.paths).filteredOn("/cgi-bin/user/get"::equals).hasSize(4);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void getUserInfoWhenCodeTooLongThenRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> client.auth().getUserInfo(app, "x".repeat(513)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code must be at most 512 bytes");
    }
}
