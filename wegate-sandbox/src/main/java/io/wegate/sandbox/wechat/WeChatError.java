package io.wegate.sandbox.wechat;

import java.util.Map;

/**
 * The WeChat errcodes the sandbox answers, with their English errmsg texts (fact sheet B5); see <a
 * href="https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html">全局返回码</a>.
 * Texts the fact sheet marks as unverified are kept short and plausible.
 */
public final class WeChatError {

    public static final int SYSTEM_ERROR = -1;
    public static final int INVALID_CREDENTIAL = 40001;
    public static final int INVALID_GRANT_TYPE = 40002;
    public static final int INVALID_OPENID = 40003;
    public static final int INVALID_APPID = 40013;
    public static final int INVALID_ACCESS_TOKEN = 40014;
    public static final int INVALID_CODE = 40029;
    public static final int INVALID_REFRESH_TOKEN = 40030;
    public static final int INVALID_APPSECRET = 40125;
    public static final int CODE_BEEN_USED = 40163;
    public static final int CODE_BLOCKED = 40226;
    public static final int ACCESS_TOKEN_MISSING = 41001;
    public static final int APPID_MISSING = 41002;
    /** Not in the fact sheet; WeChat's global return codes list 41003 as 缺少 refresh_token 参数. */
    public static final int REFRESH_TOKEN_MISSING = 41003;

    public static final int SECRET_MISSING = 41004;
    public static final int CODE_MISSING = 41008;
    /** Not in the fact sheet; WeChat's global return codes list 41009 as 缺少 openid. */
    public static final int OPENID_MISSING = 41009;

    public static final int ACCESS_TOKEN_EXPIRED = 42001;
    public static final int REFRESH_TOKEN_EXPIRED = 42002;
    public static final int DAILY_QUOTA = 45009;
    public static final int MINUTE_QUOTA = 45011;
    /** A body that is not the JSON the endpoint expects (WeChat's 解析 JSON/XML 内容错误). */
    public static final int DATA_FORMAT_ERROR = 47001;

    public static final int API_UNAUTHORIZED = 48001;
    public static final int INVALID_SIGNATURE = 87009;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(SYSTEM_ERROR, "system error"),
            Map.entry(INVALID_CREDENTIAL, "invalid credential, access_token is invalid or not latest"),
            Map.entry(INVALID_GRANT_TYPE, "invalid grant_type"),
            Map.entry(INVALID_OPENID, "invalid openid"),
            Map.entry(INVALID_APPID, "invalid appid"),
            Map.entry(INVALID_ACCESS_TOKEN, "invalid access_token"),
            Map.entry(INVALID_CODE, "invalid code"),
            Map.entry(INVALID_REFRESH_TOKEN, "invalid refresh_token"),
            Map.entry(INVALID_APPSECRET, "invalid appsecret"),
            Map.entry(CODE_BEEN_USED, "code been used"),
            Map.entry(CODE_BLOCKED, "code blocked"),
            Map.entry(ACCESS_TOKEN_MISSING, "access_token missing"),
            Map.entry(APPID_MISSING, "appid missing"),
            Map.entry(REFRESH_TOKEN_MISSING, "refresh_token missing"),
            Map.entry(SECRET_MISSING, "appsecret missing"),
            Map.entry(CODE_MISSING, "missing code"),
            Map.entry(OPENID_MISSING, "missing openid"),
            Map.entry(ACCESS_TOKEN_EXPIRED, "access_token expired"),
            Map.entry(REFRESH_TOKEN_EXPIRED, "refresh_token expired"),
            Map.entry(DAILY_QUOTA, "reach max api daily quota limit"),
            Map.entry(MINUTE_QUOTA, "api minute-quota reach limit, must slower, retry next minute"),
            Map.entry(DATA_FORMAT_ERROR, "data format error"),
            Map.entry(API_UNAUTHORIZED, "api unauthorized"),
            Map.entry(INVALID_SIGNATURE, "invalid signature"),
            Map.entry(42003, "code expired"),
            Map.entry(50001, "user unauthorized"));

    private WeChatError() {}

    /** The usual English text for {@code errcode}, or a generic one for codes the sandbox does not know. */
    public static String text(int errcode) {
        return TEXTS.getOrDefault(errcode, "error");
    }
}
