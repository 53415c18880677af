package io.wegate.client.wecom;

import io.wegate.client.ErrorClass;
import io.wegate.client.UpstreamErrcode;
import java.util.Map;

/**
 * The WeCom errcodes wegate knows, with their meaning and what to do about them.
 *
 * <p>One table for the client, the gateway's error responses and the docs. Source: the global error
 * code page, https://developer.work.weixin.qq.com/document/path/90313, as summarised in
 * {@code shared/api/FACTS.md} (A9). Only the login code comes from the person logging in; the ids
 * (userid, department) a WeCom call carries come from WeCom's own earlier answers, so their
 * refusals are {@link ErrorClass#REQUEST_ERROR}, not the person's doing.
 */
public enum WeComErrcode implements UpstreamErrcode {
    SYSTEM_BUSY(-1, ErrorClass.RETRYABLE, "WeCom is busy; the call was retried and still failed", "企业微信系统繁忙，已重试仍失败"),
    INVALID_CREDENTIAL(
            40001,
            ErrorClass.TOKEN_INVALID,
            "Invalid credential: the access token is invalid, or (on gettoken) the secret is wrong. Check that the app's secret (corpsecret) belongs to this app",
            "凭证无效：access_token 无效，或（获取 token 时）secret 错误。请检查应用的 secret（corpsecret）是否属于该应用"),
    INVALID_USERID(40003, ErrorClass.REQUEST_ERROR, "Invalid UserID", "无效的 UserID"),
    INVALID_CORPID(
            40013,
            ErrorClass.CONFIGURATION_ERROR,
            "Invalid corp ID: check the corpid (My Company > Company Information > Corp ID)",
            "无效的企业 ID：请检查 corpid（我的企业 > 企业信息 > 企业ID）"),
    INVALID_ACCESS_TOKEN(40014, ErrorClass.TOKEN_INVALID, "Invalid access token", "不合法的 access_token"),
    INVALID_CODE(
            40029,
            ErrorClass.USER_ERROR,
            "The login code is invalid, expired (5 minutes) or already used; start the login again",
            "登录 code 无效、已过期（5 分钟）或已被使用，请重新登录"),
    INVALID_AGENTID(
            40056,
            ErrorClass.CONFIGURATION_ERROR,
            "Invalid agent ID: check the app's AgentId",
            "无效的 agentid：请检查应用的 AgentId"),
    SECRET_INVALID(
            40091,
            ErrorClass.CONFIGURATION_ERROR,
            "The secret is invalid: check the app's secret (corpsecret)",
            "secret 不合法：请检查应用的 secret（corpsecret）"),
    ACCESS_TOKEN_MISSING(41001, ErrorClass.REQUEST_ERROR, "access_token missing", "缺少 access_token 参数"),
    CORPID_MISSING(41002, ErrorClass.CONFIGURATION_ERROR, "corpid missing", "缺少 corpid 参数"),
    SECRET_MISSING(41004, ErrorClass.CONFIGURATION_ERROR, "secret missing", "缺少 secret 参数"),
    CODE_MISSING(41008, ErrorClass.REQUEST_ERROR, "code missing", "缺少 code 参数"),
    ACCESS_TOKEN_EXPIRED(42001, ErrorClass.TOKEN_INVALID, "Access token expired", "access_token 已过期"),
    FREQUENCY_LIMIT(
            45009,
            ErrorClass.QUOTA,
            "WeCom's API call limit is exhausted (45009): calls are blocked until the limit resets; look for an instance that fetches tokens too often",
            "企业微信接口调用次数超过限制（45009），需等待限制解除；请排查是否有实例频繁获取 token"),
    CONCURRENCY_LIMIT(45033, ErrorClass.RETRYABLE, "Too many concurrent calls", "接口并发调用超过限制"),
    DATA_FORMAT_ERROR(47001, ErrorClass.REQUEST_ERROR, "Data format error", "数据格式错误"),
    API_FORBIDDEN(48002, ErrorClass.CONFIGURATION_ERROR, "API forbidden for this app", "API 禁止调用：应用无此权限"),
    CONTACT_SYNC_NEW_IP(
            48009,
            ErrorClass.CONFIGURATION_ERROR,
            "Contact details may not be read from an IP newly added to contact sync; use user/list_id and department/simplelist",
            "为保障企业数据安全，不再允许通讯录同步助手从新增 IP 读取通讯录详情"),
    REDIRECT_URI_UNAUTHORIZED(
            50001,
            ErrorClass.CONFIGURATION_ERROR,
            "The callback domain is not a trusted domain of this app: add the host (with port) of the callback URL under the app's trusted domain (可信域名)",
            "回调域名不是该应用的可信域名：请在应用的“网页授权及JS-SDK / 可信域名”中添加回调地址的域名（含端口）"),
    MEMBER_OUT_OF_SCOPE(50002, ErrorClass.CONFIGURATION_ERROR, "Member outside the app's visible range", "成员不在应用可见范围内"),
    APP_DISABLED(50003, ErrorClass.CONFIGURATION_ERROR, "The app is disabled", "应用已停用"),
    DEPARTMENT_NOT_FOUND(60003, ErrorClass.REQUEST_ERROR, "Department does not exist", "部门不存在"),
    NO_PRIVILEGE(
            60011,
            ErrorClass.CONFIGURATION_ERROR,
            "No privilege: the member or department is outside the app's visible range",
            "无权限：成员或部门不在应用可见范围内"),
    IP_NOT_TRUSTED(
            60020,
            ErrorClass.CONFIGURATION_ERROR,
            "This server's IP is not in the app's trusted IP list (企业可信IP): add this server's egress IP in the app settings and wait about a minute",
            "服务器 IP 不在应用的企业可信 IP 列表中：请在应用设置中添加本服务器的出口 IP，约 1 分钟后生效"),
    USERID_NOT_FOUND(60111, ErrorClass.REQUEST_ERROR, "UserID not found", "成员 UserID 不存在"),
    INVALID_DEPARTMENT(60123, ErrorClass.REQUEST_ERROR, "Invalid department ID", "无效的部门 ID"),
    ANOTHER_AGENT(
            301002,
            ErrorClass.CONFIGURATION_ERROR,
            "The access token belongs to another agent",
            "access_token 属于其他应用，无权操作");

    private static final Map<Integer, WeComErrcode> BY_CODE = UpstreamErrcode.index(values());

    private final int code;
    private final ErrorClass errorClass;
    private final String meaningEn;
    private final String meaningZh;

    WeComErrcode(int code, ErrorClass errorClass, String meaningEn, String meaningZh) {
        this.code = code;
        this.errorClass = errorClass;
        this.meaningEn = meaningEn;
        this.meaningZh = meaningZh;
    }

    /** The entry for {@code code}, or null when wegate does not know it. */
    public static WeComErrcode of(int code) {
        return BY_CODE.get(code);
    }

    /** The class of {@code code}; {@link ErrorClass#UNKNOWN} when not in the table. */
    public static ErrorClass classOf(int code) {
        WeComErrcode e = of(code);
        return e == null ? ErrorClass.UNKNOWN : e.errorClass;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorClass errorClass() {
        return errorClass;
    }

    @Override
    public String meaningEn() {
        return meaningEn;
    }

    @Override
    public String meaningZh() {
        return meaningZh;
    }
}
