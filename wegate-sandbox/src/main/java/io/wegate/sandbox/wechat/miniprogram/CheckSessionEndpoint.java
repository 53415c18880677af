package io.wegate.sandbox.wechat.miniprogram;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import io.wegate.sandbox.wechat.token.AppTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /wxa/checksession?access_token=&openid=&signature=&sig_method=hmac_sha256}: whether the server's
 * session_key is still the user's current one, proven by {@code hmac_sha256("", session_key)}; see <a
 * href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_checksessionkey">checkSessionKey</a>
 * and {@link OpenData#loginStateSignature} for the key encoding.
 */
public final class CheckSessionEndpoint extends WeChatEndpoint {

    public static final String PATH = "/wxa/checksession";

    private final AppTokens tokens;
    private final MiniProgramSessions sessions;

    public CheckSessionEndpoint(WeChatErrMsg errMsg, AppTokens tokens, MiniProgramSessions sessions) {
        super(errMsg);
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        String appid = tokens.authenticate(request.param("access_token"));
        String openid = request.param("openid");
        if (openid == null) {
            throw new WeChatException(WeChatError.OPENID_MISSING);
        }
        String signature = request.param("signature");
        // B3.4 documents only 87009; a missing signature or another sig_method cannot be verified either.
        if (signature == null || !"hmac_sha256".equals(request.param("sig_method"))) {
            throw new WeChatException(WeChatError.INVALID_SIGNATURE);
        }
        // No session (never logged in, or another app's openid): nothing the signature could match.
        String sessionKey = sessions.byOpenid(appid, openid)
                .map(MiniProgramSessions.Session::sessionKey)
                .orElseThrow(() -> new WeChatException(WeChatError.INVALID_SIGNATURE));
        String expected = OpenData.loginStateSignature(sessionKey, "");
        // WxJava sends upper-case hex, the doc's example lower-case: compare case-insensitively, in constant time.
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new WeChatException(WeChatError.INVALID_SIGNATURE);
        }
        return Json.object().put("errcode", 0).put("errmsg", "ok");
    }
}
