package io.wegate.server.web;

import io.wegate.server.error.ApiErrorBody;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link ApiException} as JSON for API callers, or as a readable page for browser routes
 * ({@code /login/...}), and logs it once.
 */
@Component
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private final JsonMapper json;

    public ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    public ApiErrorBody body(ApiException e, String requestId) {
        GatewayError g = e.error();
        var upstream = e.upstream();
        return new ApiErrorBody(
                g.code(),
                g.messageEn(e.detail()),
                g.messageZh(e.detail()),
                e.upstreamErrcode(),
                upstream == null ? null : upstream.meaningEn(),
                upstream == null ? null : upstream.meaningZh(),
                e.upstreamRequestId(),
                requestId);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        String requestId = RequestIds.of(request);
        logOnce(request, e);
        response.setStatus(e.error().status().value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        if (e.error() == GatewayError.TOO_MANY_FAILED_LOGINS || e.error() == GatewayError.TOO_MANY_USER_LOGINS) {
            response.setHeader("Retry-After", "60");
        }
        if (isBrowserRoute(request)) {
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getWriter().write(Pages.error(e, requestId, "/"));
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write(json.writeValueAsString(body(e, requestId)));
        }
    }

    public static boolean isBrowserRoute(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith("/login/") || uri.equals("/login");
    }

    private static void logOnce(HttpServletRequest request, ApiException e) {
        // the path only: query strings may carry codes and states
        String where = request.getMethod() + " " + request.getRequestURI();
        if (e.error().status().is5xxServerError()) {
            log.warn(
                    "{} failed: {} (upstream errcode {}, hint {})",
                    where,
                    e.error().code(),
                    e.upstreamErrcode(),
                    e.upstreamRequestId(),
                    e.getCause());
        } else {
            log.info("{} refused: {} (upstream errcode {})", where, e.error().code(), e.upstreamErrcode());
        }
    }
}
