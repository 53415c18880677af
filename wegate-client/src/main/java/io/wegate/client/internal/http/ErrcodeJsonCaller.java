package io.wegate.client.internal.http;

import io.wegate.client.ErrorClass;
import io.wegate.client.RetryPolicy;
import io.wegate.client.Sleeper;
import io.wegate.client.UpstreamCallListener;
import io.wegate.client.UpstreamException;
import io.wegate.client.UpstreamTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one path of an errcode-style JSON API (WeCom, WeChat) and turns the answer into JSON or the
 * upstream's exception. Retries only what is safe and transient ({@code -1}, HTTP 5xx), within the
 * overall deadline of the call. Both upstreams answer HTTP 200 with {@code errcode} for business
 * errors; a missing errcode means success.
 */
public final class ErrcodeJsonCaller {

    /** Makes the upstream's one exception type: a constructor reference of it. */
    @FunctionalInterface
    public interface Failures {
        UpstreamException create(
                String path,
                UpstreamException.Failure failure,
                Integer errcode,
                String errmsg,
                int httpStatus,
                String message,
                Throwable cause);

        default UpstreamException errcode(String path, int errcode, String errmsg) {
            return create(
                    path,
                    UpstreamException.Failure.ERRCODE,
                    errcode,
                    errmsg,
                    200,
                    path + " answered errcode " + errcode + ": " + errmsg,
                    null);
        }

        default UpstreamException httpStatus(String path, int status) {
            return create(
                    path,
                    UpstreamException.Failure.HTTP_STATUS,
                    null,
                    null,
                    status,
                    path + " answered HTTP " + status,
                    null);
        }

        default UpstreamException malformed(String path) {
            return create(
                    path,
                    UpstreamException.Failure.MALFORMED_RESPONSE,
                    null,
                    null,
                    200,
                    path + " answered a body that is not the expected JSON",
                    null);
        }

        default UpstreamException timeout(String path, long millis) {
            return create(
                    path,
                    UpstreamException.Failure.TIMEOUT,
                    null,
                    null,
                    0,
                    path + " did not answer within " + millis + " ms",
                    null);
        }

        /** No connection could be made (refused, or the connect timed out): nothing was sent. */
        default UpstreamException connect(String path, Throwable cause) {
            return create(
                    path,
                    UpstreamException.Failure.CONNECT,
                    null,
                    null,
                    0,
                    path + " could not be connected to: " + cause.getClass().getSimpleName(),
                    cause);
        }

        default UpstreamException io(String path, Throwable cause) {
            return create(
                    path,
                    UpstreamException.Failure.IO,
                    null,
                    null,
                    0,
                    path + " could not be reached: " + cause.getClass().getSimpleName(),
                    cause);
        }
    }

    private final URI baseUrl;
    private final UpstreamTransport transport;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final UpstreamCallListener listener;
    private final JsonMapper json;
    private final Failures failures;

    public ErrcodeJsonCaller(
            URI baseUrl,
            UpstreamTransport transport,
            Duration requestTimeout,
            RetryPolicy retry,
            Sleeper sleeper,
            UpstreamCallListener listener,
            JsonMapper json,
            Failures failures) {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.listener = listener;
        this.json = json;
        this.failures = failures;
    }

    public JsonMapper json() {
        return json;
    }

    public JsonNode get(String path, Map<String, String> query) {
        return call(path, query, null);
    }

    public JsonNode post(String path, Map<String, String> query, Object body) {
        return call(path, query, json.writeValueAsString(body));
    }

    private JsonNode call(String path, Map<String, String> query, String body) {
        URI uri = HttpTransport.uri(baseUrl, path, query);
        long deadline = System.nanoTime() + retry.deadline().toNanos();
        for (int attempt = 0; ; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw failures.timeout(path, retry.deadline().toMillis());
            }
            Duration timeout = Duration.ofNanos(Math.min(requestTimeout.toNanos(), remaining));
            Attempt a = attempt(path, uri, body, timeout);
            if (a.answer() != null) {
                return a.answer();
            }
            UpstreamException failure = a.failure();
            if (failure.errorClass() != ErrorClass.RETRYABLE || attempt >= retry.maxRetries()) {
                throw failure;
            }
            Duration pause = retry.backoff(attempt + 1);
            if (System.nanoTime() + pause.toNanos() >= deadline) {
                throw failure;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private record Attempt(JsonNode answer, UpstreamException failure) {
        static Attempt failed(UpstreamException e) {
            return new Attempt(null, e);
        }
    }

    private Attempt attempt(String path, URI uri, String body, Duration timeout) {
        long t0 = System.nanoTime();
        String outcome = "io";
        try {
            UpstreamTransport.Response r = transport.send(uri, body, timeout);
            if (r.status() != 200) {
                outcome = "http_" + r.status();
                return Attempt.failed(failures.httpStatus(path, r.status()));
            }
            JsonNode node;
            try {
                // parsed whatever the Content-Type says: some /sns endpoints answer text/plain
                node = json.readTree(r.body());
            } catch (JacksonException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                outcome = "malformed";
                return Attempt.failed(failures.malformed(path));
            }
            int errcode = node.path("errcode").asInt(0);
            outcome = Integer.toString(errcode);
            if (errcode != 0) {
                return Attempt.failed(
                        failures.errcode(path, errcode, node.path("errmsg").asString("")));
            }
            return new Attempt(node, null);
        } catch (java.net.http.HttpConnectTimeoutException | java.net.ConnectException e) {
            outcome = "connect";
            return Attempt.failed(failures.connect(path, e));
        } catch (HttpTimeoutException e) {
            // not retried: the upstream may already have consumed a one-time code
            outcome = "timeout";
            return Attempt.failed(failures.timeout(path, timeout.toMillis()));
        } catch (IOException e) {
            return Attempt.failed(failures.io(path, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed(failures.io(path, e));
        } finally {
            listener.onCall(path, outcome, Duration.ofNanos(System.nanoTime() - t0));
        }
    }
}
