package io.wegate.sandbox.wechat;

import io.wegate.sandbox.http.Handler;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the simulated api.weixin.qq.com endpoints: business errors are HTTP 200 with {@code errcode}/{@code errmsg};
 * many success bodies carry no errcode at all (fact sheet 0.1), so each endpoint writes its own success body. See <a
 * href="https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html">全局返回码</a>.
 */
public abstract class WeChatEndpoint implements Handler {

    private static final System.Logger LOG = System.getLogger(WeChatEndpoint.class.getName());

    protected final WeChatErrMsg errMsg;

    protected WeChatEndpoint(WeChatErrMsg errMsg) {
        this.errMsg = errMsg;
    }

    @Override
    public final SandboxResponse handle(SandboxRequest request) {
        try {
            return SandboxResponse.json(200, answer(request));
        } catch (WeChatException e) {
            return errMsg.failure(200, e.errcode(), e.text());
        } catch (RuntimeException e) {
            // A sandbox bug: answer like WeChat's own outage (-1) instead of leaking a stack trace.
            LOG.log(System.Logger.Level.WARNING, "Unexpected failure in " + request.path(), e);
            return errMsg.failure(500, WeChatError.SYSTEM_ERROR, WeChatError.text(WeChatError.SYSTEM_ERROR));
        }
    }

    /** The complete success body; throw {@link WeChatException} to answer an errcode. */
    protected abstract ObjectNode answer(SandboxRequest request);
}
