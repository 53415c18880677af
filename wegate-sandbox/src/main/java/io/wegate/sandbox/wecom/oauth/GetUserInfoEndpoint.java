package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.oauth.CodeExchange.SignIn;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /cgi-bin/auth/getuserinfo?access_token=&code=}, see <a
 * href="https://developer.work.weixin.qq.com/document/path/91023">获取访问用户身份</a>.
 */
public final class GetUserInfoEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/auth/getuserinfo";

    private final CodeExchange exchange;

    public GetUserInfoEndpoint(ErrMsg errMsg, CodeExchange exchange) {
        super(errMsg);
        this.exchange = exchange;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        return switch (exchange.exchange(request.param("access_token"), request.param("code"))) {
            case SignIn.Member member -> {
                ObjectNode body = Json.object().put("userid", member.userid());
                if (member.userTicket() != null) {
                    body.put("user_ticket", member.userTicket());
                }
                yield body;
            }
            case SignIn.NonMember guest -> {
                ObjectNode body = Json.object().put("openid", guest.openid());
                if (guest.externalUserid() != null) {
                    body.put("external_userid", guest.externalUserid());
                }
                yield body;
            }
        };
    }
}
