package io.wegate.sandbox.wecom.oauth;

import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.wecom.ErrMsg;
import io.wegate.sandbox.wecom.WeComEndpoint;
import io.wegate.sandbox.wecom.oauth.CodeExchange.SignIn;
import tools.jackson.databind.node.ObjectNode;

/**
 * The legacy {@code GET /cgi-bin/user/getuserinfo?access_token=&code=[&agentid=]} (fact sheet A3.2), which WeCom still
 * serves and WxJava's {@code WxCpOAuth2Service.getUserInfo} and JustAuth's WeCom logins still call. Same codes and
 * errcodes as {@link GetUserInfoEndpoint}; only the keys are spelt the old way: {@code UserId}, {@code DeviceId},
 * {@code user_ticket}, {@code expires_in} for a member, {@code OpenId}, {@code DeviceId}, {@code external_userid} for
 * a non-member. See <a href="https://developer.work.weixin.qq.com/document/path/91023">获取访问用户身份</a>.
 */
public final class UserGetUserInfoEndpoint extends WeComEndpoint {

    public static final String PATH = "/cgi-bin/user/getuserinfo";

    private final CodeExchange exchange;

    public UserGetUserInfoEndpoint(ErrMsg errMsg, CodeExchange exchange) {
        super(errMsg);
        this.exchange = exchange;
    }

    @Override
    protected ObjectNode answer(SandboxRequest request) {
        // agentid is ignored: the token already names the app, and the old docs gave the parameter no rule of its own.
        return switch (exchange.exchange(request.param("access_token"), request.param("code"))) {
            case SignIn.Member member -> {
                ObjectNode body =
                        Json.object().put("UserId", member.userid()).put("DeviceId", deviceId(member.userid()));
                if (member.userTicket() != null) {
                    // The old docs print 7200, the current ones 1800 (Part D); the sandbox reports what it enforces.
                    body.put("user_ticket", member.userTicket()).put("expires_in", UserTickets.LIFETIME.toSeconds());
                }
                yield body;
            }
            case SignIn.NonMember guest -> {
                ObjectNode body = Json.object().put("OpenId", guest.openid()).put("DeviceId", deviceId(guest.openid()));
                if (guest.externalUserid() != null) {
                    body.put("external_userid", guest.externalUserid());
                }
                yield body;
            }
        };
    }

    /**
     * The old docs describe DeviceId only as a per-install phone id and give no format; a value stable per user lets
     * tests compare two sign-ins.
     */
    private static String deviceId(String user) {
        return "dev" + Integer.toHexString(user.hashCode() & 0x7fffffff);
    }
}
