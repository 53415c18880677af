package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.SandboxFixture.App;
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
 * {@code POST /cgi-bin/auth/getuserdetail?access_token=} with {@code {"user_ticket":"..."}}, see <a
 * href="https://developer.work.weixin.qq.com/document/path/95833">获取访问用户敏感信息</a>. The simulated admin has
 * selected every sensitive field and the member consented, so all of them are returned.
 */
public final class GetUserDetailEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/auth/getuserdetail";

    private final WeComDirectory directory;
    private final AccessTokens tokens;
    private final UserTickets tickets;

    public GetUserDetailEndpoint(ErrMsg errMsg, WeComDirectory directory, AccessTokens tokens, UserTickets tickets) {
        super(errMsg);
        this.directory = directory;
        this.tokens = tokens;
        this.tickets = tickets;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        App app = tokens.authenticate(request.param("access_token"));
        ObjectNode json;
        try {
            json = Json.parseObject(request.body());
        } catch (IllegalArgumentException e) {
            throw new WeComException(WeComError.DATA_FORMAT_ERROR);
        }
        // A missing ticket gets the same (unverified) answer as a bad one; see WeComError.INVALID_USER_TICKET.
        String ticket = Json.text(json, "user_ticket");
        if (ticket == null || ticket.isEmpty()) {
            throw new WeComException(WeComError.INVALID_USER_TICKET);
        }
        Member member = directory
                .member(tickets.userid(ticket, app))
                .orElseThrow(() -> new WeComException(WeComError.INVALID_USER_TICKET));
        return Json.object()
                .put("userid", member.userid())
                .put("gender", member.gender())
                .put("avatar", member.avatar())
                .put("qr_code", member.qrCode())
                .put("mobile", member.mobile())
                .put("email", member.email())
                .put("biz_mail", member.bizMail())
                .put("address", member.address());
    }
}
