package io.wegate.sandbox.wechat.token;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import io.wegate.sandbox.wecom.token.DailyQuota;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/token?grant_type=client_credential&appid=&secret=}: a new app token on every call, see <a
 * href="https://developers.weixin.qq.com/doc/service/api/base/api_getaccesstoken">获取 Access Token</a>.
 */
public final class TokenEndpoint extends WeChatEndpoint {

    public static final String PATH = "/cgi-bin/token";

    private final WeChatDirectory directory;
    private final AppTokens tokens;
    private final DailyQuota quota;

    public TokenEndpoint(WeChatErrMsg errMsg, WeChatDirectory directory, AppTokens tokens, DailyQuota quota) {
        super(errMsg);
        this.directory = directory;
        this.tokens = tokens;
        this.quota = quota;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        if (!"client_credential".equals(request.param("grant_type"))) {
            throw new WeChatException(WeChatError.INVALID_GRANT_TYPE);
        }
        App app = appWithToken(directory, request.param("appid"), request.param("secret"));
        if (!quota.tryAcquire(app.appid())) {
            throw new WeChatException(WeChatError.DAILY_QUOTA);
        }
        AppToken token = tokens.issue(app.appid());
        return Json.object().put("access_token", token.value()).put("expires_in", tokens.secondsLeft(token));
    }

    /**
     * The official account or mini program the credentials belong to. A website app has no app access token (it only
     * signs users in); the sandbox answers it like an appid the token endpoints do not know, 40013.
     */
    static App appWithToken(WeChatDirectory directory, String appid, String secret) {
        App app = directory.authenticate(appid, secret);
        if (app.kind() == Kind.WEBSITE) {
            throw new WeChatException(WeChatError.INVALID_APPID);
        }
        return app;
    }
}
