package io.wegate.client.wecom;

import java.util.List;

/**
 * A member as {@code /cgi-bin/user/get} returns it. Apps created since 2022-06-20 no longer get the
 * sensitive fields here (mobile, email, gender, avatar, ...): those stay null, and come only through
 * {@code snsapi_privateinfo} and getuserdetail.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90196">user/get</a>
 */
public record WeComUser(
        String userId,
        String name,
        List<Integer> departments,
        Integer mainDepartment,
        String position,
        String alias,
        Integer status,
        String mobile,
        String email,
        String gender,
        String avatar) {

    public WeComUser {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }
}
