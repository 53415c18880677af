package io.wegate.sandbox.wecom.contact;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import io.wegate.sandbox.wecom.token.AccessTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/user/get?access_token=&userid=}, see <a
 * href="https://developer.work.weixin.qq.com/document/path/90196">读取成员</a>.
 */
public final class UserGetEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/user/get";

    private final WeComDirectory directory;
    private final AccessTokens tokens;

    public UserGetEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens) {
        super(errMsg);
        this.directory = directory;
        this.tokens = tokens;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        App app = tokens.authenticate(request.param("access_token"));
        if (directory.blockedAsNewContactSyncIp(app)) {
            throw new WeComException(WeComError.CONTACT_SYNC_NEW_IP);
        }
        String userid = request.param("userid");
        if (userid == null) {
            throw new WeComException(WeComError.USERID_MISSING);
        }
        Member member = directory
                .member(userid)
                .orElseThrow(() -> new WeComException(
                        WeComError.USERID_NOT_FOUND, "invalid string value `" + userid + "`. userid not found"));
        if (!directory.canSee(app, member)) {
            throw new WeComException(WeComError.NO_PRIVILEGE);
        }
        return MemberJson.forApp(member, app, directory);
    }
}
