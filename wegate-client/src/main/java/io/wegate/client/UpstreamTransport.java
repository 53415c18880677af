package io.wegate.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Sends one HTTP request to an upstream's JSON API and returns its status and body; knows nothing of errcodes,
 * retries or tokens (the client does those). The default is the JDK's {@link java.net.http.HttpClient}; a service
 * that already runs a pooled client (Apache HttpClient, OkHttp) can plug it in with {@link
 * ClientBuilder#transport(UpstreamTransport)}. Implementations are shared by every thread of the client.
 *
 * <p>How failures must be signalled, because the client's retry rule depends on it (an upstream may already have
 * consumed a one-time code once a request was sent):
 *
 * <ul>
 *   <li>nothing was sent (the connection was refused or could not be made in time, no connection was free in a pool
 *       in time): {@link java.net.ConnectException} or {@link java.net.http.HttpConnectTimeoutException};
 *   <li>the request was sent and no answer came within {@code timeout}: {@link java.net.http.HttpTimeoutException};
 *   <li>anything else: another {@link IOException}.
 * </ul>
 *
 * <p>An implementation must not retry on its own: a retried {@code auth/getuserinfo} spends its code twice.
 */
@FunctionalInterface
public interface UpstreamTransport {

    /** One answer: HTTP status and body text. */
    record Response(int status, String body) {}

    /**
     * GETs {@code uri} when {@code jsonBody} is null, else POSTs {@code jsonBody} as {@code application/json;
     * charset=UTF-8}; asks for JSON ({@code Accept: application/json}); reads the body as UTF-8.
     *
     * @param timeout how long this attempt may wait for its answer
     */
    Response send(URI uri, String jsonBody, Duration timeout) throws IOException, InterruptedException;
}
