package io.wegate.client.wecom;

import io.wegate.client.internal.http.HttpTransport;
import io.wegate.client.internal.http.RetryPolicy;
import io.wegate.client.internal.http.Sleeper;
import io.wegate.client.internal.http.UpstreamCallListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one WeCom path and turns the answer into JSON or a {@link WeComException}. Retries only
 * what is safe and transient ({@code -1}, HTTP 5xx), within the overall deadline of the call.
 */
final class WeComHttp {

    private final URI baseUrl;
    private final HttpTransport transport;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final UpstreamCallListener listener;
    private final JsonMapper json;

    WeComHttp(
            URI baseUrl,
            HttpTransport transport,
            Duration requestTimeout,
            RetryPolicy retry,
            Sleeper sleeper,
            UpstreamCallListener listener,
            JsonMapper json) {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.listener = listener;
        this.json = json;
    }

    JsonMapper json() {
        return json;
    }

    JsonNode get(String path, Map<String, String> query) {
        return call(path, query, null);
    }

    JsonNode post(String path, Map<String, String> query, Object body) {
        return call(path, query, json.writeValueAsString(body));
    }

    private JsonNode call(String path, Map<String, String> query, String body) {
        URI uri = HttpTransport.uri(baseUrl, path, query);
        long start = System.nanoTime();
        long deadline = start + retry.deadline().toNanos();
        for (int attempt = 0; ; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw WeComException.timeout(path, retry.deadline().toMillis());
            }
            Duration timeout = Duration.ofNanos(Math.min(requestTimeout.toNanos(), remaining));
            Attempt a = attempt(path, uri, body, timeout);
            if (a.answer() != null) {
                return a.answer();
            }
            WeComException failure = a.failure();
            if (failure.errorClass() != WeComErrcode.ErrorClass.RETRYABLE || attempt >= retry.maxRetries()) {
                throw failure;
            }
            Duration pause = retry.backoff(attempt + 1);
            if (System.nanoTime() + pause.toNanos() >= deadline) {
                throw failure;
            }
            pauseBeforeRetry(pause, failure);
        }
    }

    private record Attempt(JsonNode answer, WeComException failure) {
        static Attempt failed(WeComException e) {
            return new Attempt(null, e);
        }
    }

    private Attempt attempt(String path, URI uri, String body, Duration timeout) {
        long t0 = System.nanoTime();
        String outcome = "io";
        try {
            HttpTransport.Response r = transport.send(uri, body, timeout);
            if (r.status() != 200) {
                outcome = "http_" + r.status();
                return Attempt.failed(WeComException.httpStatus(path, r.status()));
            }
            JsonNode node;
            try {
                node = json.readTree(r.body());
            } catch (JacksonException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                outcome = "malformed";
                return Attempt.failed(WeComException.malformed(path, null));
            }
            // a missing errcode means success (FACTS 0.1)
            int errcode = node.path("errcode").asInt(0);
            outcome = Integer.toString(errcode);
            if (errcode != 0) {
                return Attempt.failed(WeComException.errcode(
                        path, errcode, node.path("errmsg").asString("")));
            }
            return new Attempt(node, null);
        } catch (HttpTimeoutException e) {
            // not retried: the upstream may already have consumed a one-time code
            outcome = "timeout";
            return Attempt.failed(WeComException.timeout(path, timeout.toMillis()));
        } catch (IOException e) {
            return Attempt.failed(WeComException.io(path, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed(WeComException.io(path, e));
        } finally {
            listener.onCall(path, outcome, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private void pauseBeforeRetry(Duration pause, WeComException failure) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
