package io.wegate.client.wecom;

import io.wegate.client.redact.Redactor;

/**
 * Who a login code belongs to, from {@code /cgi-bin/auth/getuserinfo}: a member of the corp, or a
 * WeChat user who is not one.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/91023">getuserinfo</a>
 */
public sealed interface WeComUserInfo {

    /**
     * A corp member.
     *
     * @param userId the member's UserID ({@code userid}, or the legacy {@code UserId})
     * @param userTicket for {@code snsapi_privateinfo} only: the ticket for getuserdetail, else null
     * @param deviceId the legacy {@code DeviceId}, if sent
     */
    record Member(String userId, String userTicket, String deviceId) implements WeComUserInfo {
        @Override
        public String toString() {
            return "Member[userId=" + userId + ", userTicket=" + (userTicket == null ? null : Redactor.MASK) + "]";
        }
    }

    /**
     * Not a member: a WeChat user known to the corp only by an openid.
     *
     * @param openId unique per corp
     * @param externalUserId set when the user is a customer of the corp
     */
    record NonMember(String openId, String externalUserId) implements WeComUserInfo {}
}
