package io.wegate.sandbox.wechat.oauth;

import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wechat.WeChatDirectory;
import io.wegate.sandbox.wechat.WeChatEndpoint;
import io.wegate.sandbox.wechat.WeChatErrMsg;
import io.wegate.sandbox.wechat.WeChatError;
import io.wegate.sandbox.wechat.WeChatException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /sns/userinfo?access_token=<web token>&openid=&lang=}, see <a
 * href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsuserinfo">拉取用户信息</a> (fact sheet
 * B1.4). A snapshot-page token describes the virtual account: WeChat's default nickname and grey avatar.
 */
public final class SnsUserInfoEndpoint extends WeChatEndpoint {

    public static final String PATH = "/sns/userinfo";

    /** The grey default avatar WeChat shows for accounts without a real one (here: the virtual snapshot account). */
    static final String DEFAULT_AVATAR = "https://thirdwx.qlogo.cn/mmopen/vi_32/"
            + "POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132";

    private final WeChatDirectory directory;
    private final WebAuthTokens tokens;

    public SnsUserInfoEndpoint(WeChatErrMsg errMsg, WeChatDirectory directory, WebAuthTokens tokens) {
        super(errMsg);
        this.directory = directory;
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
        if (token.scope() == WeChatScope.SNSAPI_BASE) {
            throw new WeChatException(WeChatError.API_UNAUTHORIZED);
        }
        User user = directory
                .user(token.userKey())
                .orElseThrow(() -> new WeChatException(WeChatError.INVALID_ACCESS_TOKEN));
        ObjectNode body = Json.object().put("openid", token.openid());
        if (token.snapshot()) {
            body.put("nickname", "微信用户")
                    .put("sex", 0)
                    .put("province", "")
                    .put("city", "")
                    .put("country", "")
                    .put("headimgurl", DEFAULT_AVATAR);
        } else {
            body.put("nickname", user.nickname())
                    .put("sex", user.sex())
                    .put("province", user.province())
                    .put("city", user.city())
                    .put("country", user.country())
                    .put("headimgurl", user.headimgurl());
        }
        body.putArray("privilege");
        if (token.unionid() != null) {
            body.put("unionid", token.unionid());
        }
        return body;
    }
}
