package io.wegate.sandbox.fault;

import io.wegate.sandbox.http.Filter;
import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComError;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Applies the active faults to an upstream call before the endpoint runs; an errcode fault speaks the dialect of the
 * path's product (WeCom's {@code hint: [...]} or WeChat's {@code rid: ...}).
 */
public final class FaultFilter implements Filter {

    private static final Map<Integer, String> REASONS = Map.of(
            400, "Bad Request",
            403, "Forbidden",
            404, "Not Found",
            429, "Too Many Requests",
            500, "Internal Server Error",
            502, "Bad Gateway",
            503, "Service Unavailable",
            504, "Gateway Time-out");

    private final FaultRegistry registry;
    private final ErrMsg errMsg;
    private final WeChatErrMsg wechatErrMsg;

    public FaultFilter(FaultRegistry registry, ErrMsg errMsg, WeChatErrMsg wechatErrMsg) {
        this.registry = registry;
        this.errMsg = errMsg;
        this.wechatErrMsg = wechatErrMsg;
    }

    @Override
    public SandboxResponse apply(SandboxRequest request, Handler next) {
        // Decide the answer when the request arrives: a delayed or held request must not consume a
        // fault injected while it was waiting (that fault belongs to the calls that come after).
        var fault = registry.answerFor(request.path());
        for (Hold hold : registry.holdsFor(request.path())) {
            hold.hold();
        }
        long delay = registry.latencyMillis(request.path());
        if (delay > 0) {
            sleep(delay);
        }
        return fault.map(f -> answer(f, request)).orElseGet(() -> next.handle(request));
    }

    private SandboxResponse answer(Fault fault, SandboxRequest request) {
        return switch (fault.type()) {
            case ERRCODE -> {
                int errcode = (int) fault.argument();
                if (WeChatErrMsg.appliesTo(request.path())) {
                    String text = fault.errmsg() != null ? fault.errmsg() : WeChatError.text(errcode);
                    yield wechatErrMsg.failure(200, errcode, text);
                }
                String text = fault.errmsg() != null ? fault.errmsg() : WeComError.text(errcode);
                yield errMsg.failure(200, errcode, text, request.remoteIp());
            }
            case HTTP_STATUS -> httpStatus((int) fault.argument());
            // Cut off mid-string, as a connection dropped by a proxy would leave it.
            case MALFORMED_JSON ->
                new SandboxResponse(
                                200,
                                SandboxResponse.JSON,
                                "{\"errcode\":0,\"errmsg\":\"ok\",\"acc".getBytes(StandardCharsets.UTF_8),
                                Map.of(),
                                null)
                        .withErrorKey("malformed_json");
            case LATENCY, HOLD -> throw new IllegalStateException(fault.type().value() + " faults never answer");
        };
    }

    /** The bare error page a gateway in front of WeCom would send. */
    private static SandboxResponse httpStatus(int status) {
        String title = status + " " + REASONS.getOrDefault(status, "Error");
        String page = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n";
        return new SandboxResponse(
                status, "text/html", page.getBytes(StandardCharsets.UTF_8), Map.of(), "http_" + status);
    }

    /** The one real wait in the sandbox: it simulates a slow network, so it must take wall-clock time. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
