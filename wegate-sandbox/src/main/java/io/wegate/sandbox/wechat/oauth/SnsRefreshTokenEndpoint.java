package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sns/oauth2/refresh_token?appid=&grant_type=refresh_token&refresh_token=} (no secret), see <a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsrefreshtoken">刷新 access_token</a>
 * (fact sheet B1.3).
 */
public final class SnsRefreshTokenEndpoint extends WeChatEndpoint {

    public static final String PATH = "/sns/oauth2/refresh_token";

    private final WeChatDirectory directory;
    private final WebAuthTokens tokens;

    public SnsRefreshTokenEndpoint(WeChatErrMsg errMsg, WeChatDirectory directory, WebAuthTokens tokens) {
        super(errMsg);
        this.directory = directory;
        this.tokens = tokens;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        String appid = request.param("appid");
        if (appid == null) {
            throw new WeChatException(WeChatError.APPID_MISSING);
        }
        if (!"refresh_token".equals(request.param("grant_type"))) {
            throw new WeChatException(WeChatError.INVALID_GRANT_TYPE);
        }
        String refreshToken = request.param("refresh_token");
        if (refreshToken == null) {
            throw new WeChatException(WeChatError.REFRESH_TOKEN_MISSING);
        }
        if (directory.app(appid).isEmpty()) {
            throw new WeChatException(WeChatError.INVALID_APPID);
        }
        WebAuthTokens.Grant grant = tokens.refresh(appid, refreshToken);
        return Json.object()
                .put("access_token", grant.token().value())
                .put("expires_in", grant.expiresIn())
                .put("refresh_token", grant.refreshToken())
                .put("openid", grant.token().openid())
                .put("scope", grant.token().scope().value());
    }
}
