package io.wegate.sandbox.wecom;

import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the simulated {@code /cgi-bin} endpoints: business errors are HTTP 200 with an errcode body, as in <a
 * href="https://developer.work.weixin.qq.com/document/path/90664">开发前必读</a>; success bodies start with
 * {@code "errcode":0,"errmsg":"ok"}.
 */
public abstract class WeComEndpoint implements Handler {

    private static final System.Logger LOG = System.getLogger(WeComEndpoint.class.getName());

    protected final ErrMsg errMsg;

    protected WeComEndpoint(ErrMsg errMsg) {
        this.errMsg = errMsg;
    }

    @Override
    public final SandboxResponse handle(SandboxRequest request) {
        try {
            ObjectNode body = Json.object().put("errcode", 0).put("errmsg", "ok");
            body.setAll(answer(request));
            return SandboxResponse.json(200, body);
        } catch (WeComException e) {
            return errMsg.failure(200, e.errcode(), e.text(), request.remoteIp());
        } catch (RuntimeException e) {
            // A sandbox bug: answer like WeCom's own outage (-1 is retried by SDKs) instead of leaking a stack trace.
            LOG.log(System.Logger.Level.WARNING, "Unexpected failure in " + request.path(), e);
            return errMsg.failure(
                    500, WeComError.SYSTEM_BUSY, WeComError.text(WeComError.SYSTEM_BUSY), request.remoteIp());
        }
    }

    /** The business keys of a successful answer; throw {@link WeComException} to answer an errcode. */
    protected abstract ObjectNode answer(SandboxRequest request);
}
