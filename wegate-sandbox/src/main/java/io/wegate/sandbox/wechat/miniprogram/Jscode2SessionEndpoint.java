package io.wegate.sandbox.wechat.miniprogram;

import io.wegate.sandbox.WeChatFixture.App;
import io.wegate.sandbox.WeChatFixture.Kind;
import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatCode;
import io.wegate.sandbox.wechat.WeChatCode.Purpose;
import io.wegate.sandbox.wechat.WeChatCodes;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import io.wegate.sandbox.wechat.oauth.OAuthIdentity;
import java.time.Clock;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sns/jscode2session?appid=&secret=&js_code=&grant_type=authorization_code}: a {@code wx.login} code for
 * the user's openid, a new session_key and, when the mini program is bound to the Open Platform, the unionid; no
 * errcode on success. See <a
 * href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session">code2Session</a>.
 */
public final class Jscode2SessionEndpoint extends WeChatEndpoint {

    public static final String PATH = "/sns/jscode2session";

    private final WeChatDirectory directory;
    private final WeChatCodes codes;
    private final MiniProgramSessions sessions;
    private final MinuteQuota quota;

    public Jscode2SessionEndpoint(
            WeChatErrMsg errMsg,
            Clock clock,
            WeChatDirectory directory,
            WeChatCodes codes,
            MiniProgramSessions sessions) {
        super(errMsg);
        this.directory = directory;
        this.codes = codes;
        this.sessions = sessions;
        this.quota = new MinuteQuota(clock);
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        String appid = request.param("appid");
        String secret = request.param("secret");
        String jsCode = request.param("js_code");
        if (appid == null) {
            throw new WeChatException(WeChatError.APPID_MISSING);
        }
        if (secret == null) {
            throw new WeChatException(WeChatError.SECRET_MISSING);
        }
        if (jsCode == null) {
            throw new WeChatException(WeChatError.CODE_MISSING);
        }
        if (!"authorization_code".equals(request.param("grant_type"))) {
            throw new WeChatException(WeChatError.INVALID_GRANT_TYPE);
        }
        App app = directory.authenticate(appid, secret);
        if (app.kind() != Kind.MINIPROGRAM) {
            // Only mini programs have code2Session; another app's credentials are an appid this API does not know.
            throw new WeChatException(WeChatError.INVALID_APPID);
        }
        WeChatCode code = codes.find(jsCode, appid, Purpose.MINIPROGRAM);
        User user = directory.user(code.userKey()).orElseThrow(() -> new WeChatException(WeChatError.INVALID_CODE));
        OAuthIdentity identity = OAuthIdentity.of(app, user, null, false);
        // Refused before the code is consumed: "retry next minute" should be able to succeed with the same code.
        if (!quota.tryAcquire(appid, identity.openid())) {
            throw new WeChatException(WeChatError.MINUTE_QUOTA);
        }
        codes.consume(code);
        if (user.blocked()) {
            throw new WeChatException(WeChatError.CODE_BLOCKED);
        }
        ObjectNode body = Json.object()
                .put("openid", identity.openid())
                .put("session_key", sessions.open(appid, user).sessionKey());
        if (identity.unionid() != null) {
            body.put("unionid", identity.unionid());
        }
        return body;
    }
}
