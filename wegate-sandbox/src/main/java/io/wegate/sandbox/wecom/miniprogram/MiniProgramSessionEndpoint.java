package io.wegate.sandbox.wecom.miniprogram;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.RandomIds;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import io.wegate.sandbox.wecom.token.AccessTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/miniprogram/jscode2session?access_token=&js_code=&grant_type=authorization_code}: a WeCom
 * mini-program login, answering the corpid and the member's userid where WeChat answers an openid; see <a
 * href="https://developer.work.weixin.qq.com/document/path/91507">code2Session</a>.
 */
public final class MiniProgramSessionEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/miniprogram/jscode2session";

    private final WeComDirectory directory;
    private final AccessTokens tokens;
    private final WeComJsCodes codes;

    public MiniProgramSessionEndpoint(
            ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens, WeComJsCodes codes) {
        super(errMsg);
        this.directory = directory;
        this.tokens = tokens;
        this.codes = codes;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        // As with auth/getuserinfo, a token error must leave the code usable for the retry with a fresh token.
        App app = tokens.authenticate(request.param("access_token"));
        String jsCode = request.param("js_code");
        if (jsCode == null) {
            throw new WeComException(WeComError.CODE_MISSING);
        }
        if (!"authorization_code".equals(request.param("grant_type"))) {
            // A7 only says grant_type is always authorization_code. WeCom's error list has no grant_type code (40002
            // is WeChat's), so the sandbox answers its generic 40058 不合法的参数, naming the parameter.
            throw new WeComException(WeComError.INVALID_PARAMETER, "invalid grant_type");
        }
        String userid = codes.redeem(jsCode, app);
        return Json.object()
                .put("corpid", directory.fixture().corpId())
                .put("userid", userid)
                .put("session_key", RandomIds.sessionKey());
    }
}
