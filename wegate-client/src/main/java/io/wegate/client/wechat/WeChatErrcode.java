package io.wegate.client.wechat;

import io.wegate.client.ErrorClass;
import io.wegate.client.UpstreamErrcode;
import java.util.Map;

/**
 * The WeChat errcodes of the login flows, with their meaning and what to do about them. Source:
 * the per-API doc tables and WxJava's error enums, summarised in {@code shared/api/FACTS.md} (B5).
 * Note that 50001 means something else here than at WeCom.
 */
public enum WeChatErrcode implements UpstreamErrcode {
    SYSTEM_ERROR(-1, ErrorClass.RETRYABLE, "WeChat is busy; the call was retried and still failed", "微信系统繁忙，已重试仍失败"),
    INVALID_CREDENTIAL(
            40001,
            ErrorClass.TOKEN_INVALID,
            "Invalid credential: the access token is invalid or not the latest, or (when fetching one) the AppSecret is wrong",
            "凭证无效：access_token 无效或不是最新，或（获取 token 时）AppSecret 错误"),
    INVALID_GRANT_TYPE(40002, ErrorClass.REQUEST_ERROR, "Invalid grant_type", "不合法的 grant_type"),
    // wegate sends the openid WeChat gave it; only on getuserphonenumber does 40003 mean the phone code is
    // another user's (WeChatException decides by path)
    INVALID_OPENID(40003, ErrorClass.REQUEST_ERROR, "Invalid openid", "不合法的 openid"),
    INVALID_APPID(
            40013,
            ErrorClass.CONFIGURATION_ERROR,
            "Invalid AppID: check the app-id configured for this WeChat app",
            "AppID 无效：请检查该微信应用配置的 app-id"),
    INVALID_ACCESS_TOKEN(40014, ErrorClass.TOKEN_INVALID, "Invalid access token", "不合法的 access_token"),
    INVALID_CODE(
            40029,
            ErrorClass.USER_ERROR,
            "The login code is invalid or expired, or belongs to another app; log in again",
            "登录 code 无效或已过期，或属于其他应用，请重新登录"),
    INVALID_REFRESH_TOKEN(40030, ErrorClass.USER_ERROR, "Invalid refresh_token", "不合法的 refresh_token"),
    INVALID_APPSECRET(
            40125,
            ErrorClass.CONFIGURATION_ERROR,
            "Invalid AppSecret: check the secret configured for this WeChat app",
            "AppSecret 无效：请检查该微信应用配置的 secret"),
    CODE_USED(40163, ErrorClass.USER_ERROR, "The login code was already used; log in again", "登录 code 已被使用，请重新登录"),
    IP_NOT_WHITELISTED(
            40164,
            ErrorClass.CONFIGURATION_ERROR,
            "This server's IP is not in the app's IP whitelist: add this server's egress IP in the WeChat console",
            "服务器 IP 不在应用的 IP 白名单中：请在微信后台添加本服务器的出口 IP"),
    CODE_BLOCKED(
            40226,
            ErrorClass.USER_ERROR,
            "WeChat blocked this login: the user is flagged as high-risk",
            "微信拦截了本次登录：该用户被判定为高风险用户"),
    SECRET_FROZEN(40243, ErrorClass.CONFIGURATION_ERROR, "The AppSecret is frozen", "AppSecret 已被冻结"),
    ACCESS_TOKEN_MISSING(41001, ErrorClass.REQUEST_ERROR, "access_token missing", "缺少 access_token 参数"),
    APPID_MISSING(41002, ErrorClass.CONFIGURATION_ERROR, "appid missing", "缺少 appid 参数"),
    SECRET_MISSING(41004, ErrorClass.CONFIGURATION_ERROR, "appsecret missing", "缺少 secret 参数"),
    CODE_MISSING(41008, ErrorClass.REQUEST_ERROR, "code missing", "缺少 code 参数"),
    ACCESS_TOKEN_EXPIRED(42001, ErrorClass.TOKEN_INVALID, "Access token expired", "access_token 已过期"),
    REFRESH_TOKEN_EXPIRED(42002, ErrorClass.USER_ERROR, "refresh_token expired", "refresh_token 已过期"),
    CODE_EXPIRED(42003, ErrorClass.USER_ERROR, "The login code expired; log in again", "登录 code 已过期，请重新登录"),
    DAILY_QUOTA(
            45009,
            ErrorClass.QUOTA,
            "WeChat's daily call quota is exhausted (45009); look for callers that fetch tokens too often",
            "微信接口当日调用次数已达上限（45009），请排查频繁获取 token 的调用方"),
    MINUTE_QUOTA(
            45011,
            // a limit per user, not per app: the person (or a client looping on wx.login) must slow down
            ErrorClass.USER_ERROR,
            "Too many logins for this user this minute (45011: 100 per user per minute); retry next minute",
            "该用户本分钟登录过于频繁（45011：每用户每分钟 100 次），请下一分钟再试"),
    API_UNAUTHORIZED(
            48001,
            ErrorClass.CONFIGURATION_ERROR,
            "API unauthorized: the scope does not allow this call (e.g. /sns/userinfo with snsapi_base)",
            "接口未授权：当前 scope 不允许该调用（如 snsapi_base 调用 /sns/userinfo）"),
    USER_NOT_AUTHORIZED(50001, ErrorClass.USER_ERROR, "The user has not authorised this API", "用户未授权该接口"),
    INVALID_SIGNATURE(87009, ErrorClass.USER_ERROR, "Invalid login-state signature", "登录态签名无效"),
    NEEDS_ADMIN_CONFIRMATION(
            89503,
            ErrorClass.CONFIGURATION_ERROR,
            "This call needs the admin's confirmation in the WeChat console",
            "此次调用需要管理员在微信后台确认");

    private static final Map<Integer, WeChatErrcode> BY_CODE = UpstreamErrcode.index(values());

    private final int code;
    private final ErrorClass errorClass;
    private final String meaningEn;
    private final String meaningZh;

    WeChatErrcode(int code, ErrorClass errorClass, String meaningEn, String meaningZh) {
        this.code = code;
        this.errorClass = errorClass;
        this.meaningEn = meaningEn;
        this.meaningZh = meaningZh;
    }

    /** The entry for {@code code}, or null when wegate does not know it. */
    public static WeChatErrcode of(int code) {
        return BY_CODE.get(code);
    }

    public static ErrorClass classOf(int code) {
        WeChatErrcode e = of(code);
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
