package io.wegate.server.upstream;

import io.wegate.client.UpstreamTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * wegate's HTTP stack to WeCom and WeChat: Apache HttpClient 5's classic (blocking) client over one connection pool,
 * run on the request's virtual thread. It replaced the JDK's {@code HttpClient}, whose asynchronous machinery (a
 * selector thread, an executor hand-off and a timer per request) cost about twice as much CPU per upstream call in
 * wegate's login profile.
 *
 * <p>No automatic retries (a retried {@code auth/getuserinfo} would spend its code twice: the client decides what to
 * retry), no redirects, no cookies. A pooled connection idle for over a second is checked before reuse, so that one
 * the upstream closed is not written to. Failures are signalled as {@link UpstreamTransport} asks.
 */
final class PooledUpstreamTransport implements UpstreamTransport, AutoCloseable {

    private static final ContentType JSON = ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8);

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;

    PooledUpstreamTransport(Duration connectTimeout, int maxConnections) {
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                // LAX: no per-route lock around every lease; the totals are soft limits, which is all wegate needs
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    PoolingHttpClientConnectionManager pool() {
        return pool;
    }

    @Override
    public Response send(URI uri, String jsonBody, Duration timeout) throws IOException {
        HttpUriRequestBase request;
        if (jsonBody == null) {
            request = new HttpGet(uri);
        } else {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity(jsonBody, JSON));
            request = post;
        }
        request.setHeader("Accept", "application/json");
        Timeout t = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(t)
                .setResponseTimeout(t)
                .build());
        try {
            return client.execute(
                    request,
                    r -> new Response(
                            r.getCode(),
                            r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
        } catch (ConnectTimeoutException | org.apache.hc.core5.http.ConnectionRequestTimeoutException e) {
            // no connection in time (none made, or none free in the pool): nothing was sent
            throw new HttpConnectTimeoutException(e.getMessage());
        } catch (UnknownHostException e) {
            throw (ConnectException) new ConnectException("unknown host").initCause(e);
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no answer within " + timeout.toMillis() + " ms");
        }
    }

    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }
}
