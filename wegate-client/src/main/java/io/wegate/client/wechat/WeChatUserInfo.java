package io.wegate.client.wechat;

import java.util.List;

/**
 * A user's public profile from {@code /sns/userinfo} ({@code snsapi_userinfo} or
 * {@code snsapi_login} only). Nicknames are not unique and never identify anyone.
 *
 * @param sex 1 male, 2 female, 0 unknown
 * @see <a href="https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsuserinfo">sns/userinfo</a>
 */
public record WeChatUserInfo(
        String openId,
        String nickname,
        int sex,
        String province,
        String city,
        String country,
        String headImgUrl,
        List<String> privilege,
        String unionId) {

    public WeChatUserInfo {
        privilege = privilege == null ? List.of() : List.copyOf(privilege);
    }
}
