package io.wegate.client.internal.http;

import io.wegate.client.UpstreamTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/** The default {@link UpstreamTransport}: the JDK's {@link HttpClient}, one request per call. */
public final class HttpTransport implements UpstreamTransport {

    private final HttpClient client;

    public HttpTransport(HttpClient client) {
        this.client = Objects.requireNonNull(client, "client must not be null");
    }

    /** An HTTP/1.1 client with the given connect timeout, as the upstreams speak it. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code base + path + ?query}, every parameter URL-encoded; null values are left out. */
    public static URI uri(URI base, String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(enc(k) + "=" + enc(v));
            }
        });
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + path + (q.length() == 0 ? "" : "?" + q));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public Response send(URI uri, String jsonBody, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (jsonBody == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), r.body());
    }
}
