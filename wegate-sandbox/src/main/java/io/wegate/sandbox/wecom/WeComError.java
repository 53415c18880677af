package io.wegate.sandbox.wecom;

import java.util.Map;

/**
 * The WeCom errcodes the sandbox answers, with their English errmsg texts; see <a
 * href="https://developer.work.weixin.qq.com/document/path/90313">全局错误码</a>. Texts the fact sheet marks as
 * unverified are kept short and plausible.
 */
public final class WeComError {

    public static final int SYSTEM_BUSY = -1;
    public static final int INVALID_CREDENTIAL = 40001;
    public static final int INVALID_CORPID = 40013;
    public static final int INVALID_ACCESS_TOKEN = 40014;
    public static final int INVALID_CODE = 40029;
    /**
     * Answer to a bad, expired or foreign {@code user_ticket}. The real errcode is not documented anywhere we could
     * find (fact sheet A4 and Part D: unverified). 40058 is WeCom's generic "invalid parameter" (不合法的参数), which
     * fits a ticket value the server rejects; it deliberately is not a token errcode (40001/40014/42001), so SDKs do not
     * refresh the access token and retry, which could never help.
     */
    public static final int INVALID_USER_TICKET = 40058;
    /**
     * The same 40058 as a generic "invalid parameter" (不合法的参数), with a text naming the parameter, for values the
     * fact sheet gives no errcode for (mini-program grant_type, list_id limit and cursor).
     */
    public static final int INVALID_PARAMETER = 40058;

    public static final int ACCESS_TOKEN_MISSING = 41001;
    public static final int CORPID_MISSING = 41002;
    public static final int SECRET_MISSING = 41004;
    public static final int CODE_MISSING = 41008;
    /**
     * Missing {@code userid} on user/get. Not in the fact sheet; WeCom's global error page lists 41009 as "缺少userid参数"
     * as far as we know (unverified).
     */
    public static final int USERID_MISSING = 41009;

    public static final int ACCESS_TOKEN_EXPIRED = 42001;
    public static final int API_FREQ_OUT_OF_LIMIT = 45009;
    public static final int DATA_FORMAT_ERROR = 47001;
    /** {@code user/list_id} with anything but the contact-sync token (A8 names no errcode; 48002 is "API 接口无权限调用"). */
    public static final int API_FORBIDDEN = 48002;
    /** Contact sync calling from an IP added after 2022-08-15 (A5); the English text is not documented. */
    public static final int CONTACT_SYNC_NEW_IP = 48009;

    public static final int REDIRECT_URI_UNAUTHORIZED = 50001;
    /**
     * A department id that is missing or not in the directory. A8 allows 60003 or 60123; WeCom's own hint for 60003
     * reads "需要确认部门ID是否有带，并且存在通讯录中" (given and existing), so the sandbox uses it for both cases.
     */
    public static final int DEPARTMENT_NOT_FOUND = 60003;

    public static final int NO_PRIVILEGE = 60011;
    public static final int USERID_NOT_FOUND = 60111;
    /** A department id that is not a number ("无效的部门id"). */
    public static final int INVALID_DEPARTMENT_ID = 60123;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(SYSTEM_BUSY, "system busy"),
            Map.entry(INVALID_CREDENTIAL, "invalid credential"),
            Map.entry(INVALID_CORPID, "invalid corpid"),
            Map.entry(INVALID_ACCESS_TOKEN, "invalid access_token"),
            Map.entry(INVALID_CODE, "invalid code"),
            Map.entry(INVALID_USER_TICKET, "invalid user_ticket"),
            Map.entry(ACCESS_TOKEN_MISSING, "access_token missing"),
            Map.entry(CORPID_MISSING, "corpid missing"),
            Map.entry(SECRET_MISSING, "corpsecret missing"),
            Map.entry(CODE_MISSING, "missing code"),
            Map.entry(USERID_MISSING, "missing userid"),
            Map.entry(ACCESS_TOKEN_EXPIRED, "access_token expired"),
            Map.entry(API_FREQ_OUT_OF_LIMIT, "api freq out of limit"),
            Map.entry(DATA_FORMAT_ERROR, "data format error"),
            Map.entry(API_FORBIDDEN, "api forbidden"),
            Map.entry(CONTACT_SYNC_NEW_IP, "contact sync is not allowed to read contact details from a new ip"),
            Map.entry(DEPARTMENT_NOT_FOUND, "department not found"),
            Map.entry(INVALID_DEPARTMENT_ID, "invalid department id"),
            Map.entry(REDIRECT_URI_UNAUTHORIZED, "redirect_uri unauthorized"),
            Map.entry(NO_PRIVILEGE, "no privilege to access/modify contact/party/agent "),
            Map.entry(USERID_NOT_FOUND, "userid not found"),
            Map.entry(40003, "invalid userid"),
            Map.entry(40056, "invalid agentid"),
            Map.entry(42009, "suite_access_token expired"),
            Map.entry(45033, "api concurrent out of limit"),
            Map.entry(60020, "not allow to access from your ip"),
            Map.entry(301002, "not allow operate another agent with this accesstoken."));

    private WeComError() {}

    /** The usual English text for {@code errcode}, or a generic one for codes the sandbox does not know. */
    public static String text(int errcode) {
        return TEXTS.getOrDefault(errcode, "error");
    }
}
