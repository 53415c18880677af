package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.SandboxFixture.App;
import io.wegate.sandbox.SandboxFixture.Guest;
import io.wegate.sandbox.SandboxFixture.Member;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComDirectory;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.WeComError;
import io.wegate.sandbox.wecom.WeComException;
import io.wegate.sandbox.wecom.token.AccessTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/auth/getuserinfo?access_token=&code=}, see <a
 * href="https://developer.work.weixin.qq.com/document/path/91023">获取访问用户身份</a>.
 */
public final class GetUserInfoEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/auth/getuserinfo";

    private final WeComDirectory directory;
    private final AccessTokens tokens;
    private final AuthCodes codes;
    private final UserTickets tickets;

    public GetUserInfoEndpoint(
            ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens, AuthCodes codes, UserTickets tickets) {
        super(errMsg);
        this.directory = directory;
        this.tokens = tokens;
        this.codes = codes;
        this.tickets = tickets;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        // The token is checked before the code is touched, so a token error leaves the code usable for a retry.
        App app = tokens.authenticate(request.param("access_token"));
        String value = request.param("code");
        if (value == null) {
            throw new WeComException(WeComError.CODE_MISSING);
        }
        AuthCode code = codes.redeem(value, app);
        if (code.guest()) {
            return guest(directory.fixture().guest());
        }
        Member member = directory.member(code.userid()).orElseThrow(() -> new WeComException(WeComError.INVALID_CODE));
        ObjectNode body = Json.object().put("userid", member.userid());
        // The ticket needs both the consent scope and the member inside the exchanging app's visible range.
        if (code.scope() == Scope.SNSAPI_PRIVATEINFO && directory.canSee(app, member)) {
            body.put("user_ticket", tickets.issue(app.agentId(), member.userid()));
        }
        return body;
    }

    private static ObjectNode guest(Guest guest) {
        ObjectNode body = Json.object().put("openid", guest.openid());
        if (guest.externalUserid() != null) {
            body.put("external_userid", guest.externalUserid());
        }
        return body;
    }
}
