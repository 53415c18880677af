package io.wegate.client.wecom;

/**
 * A member's sensitive fields from {@code /cgi-bin/auth/getuserdetail}, present only with the
 * member's consent on the {@code snsapi_privateinfo} screen; absent fields are null.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/95833">getuserdetail</a>
 */
public record WeComUserDetail(
        String userId,
        String gender,
        String avatar,
        String qrCode,
        String mobile,
        String email,
        String bizMail,
        String address) {}
