package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sns/auth?access_token=<web token>&openid=}: whether a web-authorisation token is still valid for the
 * user, see <a href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsauth">检验授权凭证</a>.
 */
public final class SnsAuthEndpoint extends WeChatEndpoint {

    public static final String PATH = "/sns/auth";

    private final WebAuthTokens tokens;

    public SnsAuthEndpoint(WeChatErrMsg errMsg, WebAuthTokens tokens) {
        super(errMsg);
        this.tokens = tokens;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        String openid = request.param("openid");
        if (request.param("access_token") != null && openid == null) {
            throw new WeChatException(WeChatError.OPENID_MISSING);
        }
        WebToken token = tokens.authenticate(request.param("access_token"));
        if (!token.openid().equals(openid)) {
            throw new WeChatException(WeChatError.INVALID_OPENID);
        }
        return Json.object().put("errcode", 0).put("errmsg", "ok");
    }
}
