package io.wegate.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * The single {@link HttpHandler} of the server: parses the request, routes it and turns every failure into a JSON
 * answer, so a client never sees a stack trace or a dropped connection.
 */
public final class Dispatcher implements HttpHandler {

    /** Bodies above 64 KiB are refused: no real request to these endpoints comes near it. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final Router router;

    public Dispatcher(Router router) {
        this.router = router;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxResponse response;
            try {
                response = respond(exchange);
            } catch (HttpProblem e) {
                response = SandboxResponse.error(e.status(), e.error(), e.getMessage());
            } catch (RuntimeException e) {
                // A bug in the sandbox, not the caller's fault; the log carries no request data (tokens, codes).
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Unexpected failure answering "
                                + exchange.getRequestURI().getPath(),
                        e);
                response = SandboxResponse.error(500, "internal_error", "The sandbox failed unexpectedly");
            }
            send(exchange, response);
        }
    }

    private SandboxResponse respond(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Optional<Map<String, Handler>> methods = router.find(path);
        if (methods.isEmpty()) {
            return SandboxResponse.error(404, "not_found", "No such endpoint: " + path);
        }
        String method = exchange.getRequestMethod();
        Handler handler = methods.get().get(method);
        if (handler == null) {
            String allowed = String.join(", ", methods.get().keySet());
            return SandboxResponse.error(405, "method_not_allowed", method + " is not supported here; use " + allowed)
                    .withHeader("Allow", allowed);
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            return SandboxResponse.error(413, "payload_too_large", "Request bodies are limited to 64 KiB");
        }
        Map<String, String> query;
        try {
            query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return SandboxResponse.error(400, "bad_request", "Malformed query string: " + e.getMessage());
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return handler.handle(new SandboxRequest(method, path, query, contentType, body, remoteIp(exchange), host));
    }

    /** The body, or {@code null} if it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // The server itself rejects such requests; if one slips through, the read below still bounds it.
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static String remoteIp(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "0.0.0.0"
                : remote.getAddress().getHostAddress();
    }

    private static void send(HttpExchange exchange, SandboxResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
