package io.wegate.server.error;

import org.springframework.http.HttpStatus;

/** Every error the gateway answers with: the JSON {@code error} code, the status, and what it means. */
public enum GatewayError {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request is malformed: %s", "请求格式错误：%s"),
    REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large", "请求体过大"),
    UNSUPPORTED_MEDIA_TYPE(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json", "请求体须为 application/json"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "This method is not allowed here", "不支持该请求方法"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such endpoint", "接口不存在"),
    UNKNOWN_APP(HttpStatus.BAD_REQUEST, "Unknown app: %s", "未知的应用：%s"),
    INVALID_STATE(
            HttpStatus.BAD_REQUEST,
            "The login state is missing, unknown, expired or already used: start the login again",
            "登录 state 缺失、无效、已过期或已被使用，请重新发起登录"),
    INVALID_CODE(
            HttpStatus.BAD_REQUEST,
            "The login code is invalid, expired or already used: start the login again",
            "登录 code 无效、已过期或已被使用，请重新发起登录"),
    LOGIN_CANCELLED(
            HttpStatus.BAD_REQUEST, "The login was cancelled or refused in WeCom or WeChat", "已在企业微信或微信中取消或拒绝登录"),
    RETURN_TO_NOT_ALLOWED(
            HttpStatus.BAD_REQUEST,
            "return_to is not on the allow-list (wegate.login.allowed-return-to)",
            "return_to 不在允许列表中（wegate.login.allowed-return-to）"),
    REDIRECT_URI_NOT_ALLOWED(
            HttpStatus.BAD_REQUEST,
            "redirect_uri is not on the allow-list (wegate.login.allowed-redirect-uris)",
            "redirect_uri 不在允许列表中（wegate.login.allowed-redirect-uris）"),
    NOT_A_MEMBER(
            HttpStatus.FORBIDDEN,
            "This WeCom user is not a member of the organisation, so they cannot log in here",
            "该企业微信用户不是本企业成员，无法登录"),
    CALLBACK_REFUSED(HttpStatus.BAD_REQUEST, "The callback was refused: %s", "回调请求被拒绝：%s"),
    ACCOUNT_DISABLED(
            HttpStatus.FORBIDDEN,
            "This account is disabled, so it cannot log in: ask your administrator",
            "该账号已停用，无法登录，请联系管理员"),
    ACCESS_ENDED(
            HttpStatus.FORBIDDEN,
            "Your access to this app has ended: WeCom or WeChat says you left, were disabled, or were removed from the"
                    + " app's visible range. Ask your administrator if this is wrong",
            "您对该应用的访问已终止：企业微信或微信通知您已离开、被停用或被移出应用可见范围。如有疑问请联系管理员"),
    NOT_IN_VISIBLE_RANGE(
            HttpStatus.FORBIDDEN,
            "You are not in this app's visible range, so you cannot log in here: ask your administrator to add you",
            "您不在该应用的可见范围内，无法登录，请联系管理员将您加入可见范围"),
    ACCOUNT_NOT_PROVISIONED(
            HttpStatus.FORBIDDEN,
            "No account has been set up for you here: ask your administrator to add you (this app only lets in people it knows)",
            "尚未为您开通账号：请联系管理员添加（该应用只允许已登记的人员登录）"),
    IDENTITY_LINKED_ELSEWHERE(
            HttpStatus.CONFLICT,
            "This identity already belongs to another account; it was not moved",
            "该身份已属于另一个账号，未做变更"),
    INVALID_LINK_TICKET(
            HttpStatus.BAD_REQUEST,
            "The link ticket is invalid, expired or already used: request a new one while logged in",
            "关联凭证无效、已过期或已被使用，请登录后重新获取"),
    LINK_TICKET_NOT_YOURS(
            HttpStatus.FORBIDDEN,
            "This link ticket was requested by another login: only the person who asked for it, in the same browser or"
                    + " app, can use it. Nothing was linked",
            "该关联凭证由其他登录申请：只有申请人本人在同一浏览器或应用中才能使用。未做任何关联"),
    NO_PENDING_LINK(
            HttpStatus.BAD_REQUEST,
            "There is no link waiting for confirmation in this browser (it expired or was already answered)",
            "当前浏览器没有待确认的关联（已过期或已处理）"),
    TOO_MANY_LOGIN_STARTS(
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many logins started from this address; wait a minute and try again",
            "该地址发起的登录过多，请一分钟后再试"),
    SNAPSHOT_USER(
            HttpStatus.FORBIDDEN,
            "You are viewing a snapshot page: tap \"使用完整服务\" (use the full service) in WeChat and log in again",
            "您正在浏览快照页：请在微信中点击“使用完整服务”后重新登录"),
    INVALID_ENCRYPTED_DATA(
            HttpStatus.BAD_REQUEST,
            "encrypted_data could not be verified (altered, wrong iv, stale session, issued for another app, or"
                    + " no phone number in it)",
            "encrypted_data 校验失败（被篡改、iv 错误、会话已失效、属于其他应用或不含手机号）"),
    INVALID_PHONE_CODE(
            HttpStatus.BAD_REQUEST,
            "The phone-number code is invalid, expired, already used or was issued to another user: ask for the"
                    + " phone number again",
            "手机号 code 无效、已过期、已被使用或属于其他用户，请重新获取手机号"),
    LOGIN_BLOCKED(
            HttpStatus.FORBIDDEN,
            "WeChat blocked this login because it judged the user high-risk",
            "微信判定该用户存在风险，已拦截本次登录"),
    TOO_MANY_USER_LOGINS(
            HttpStatus.TOO_MANY_REQUESTS,
            "WeChat allows one user at most 100 logins a minute (45011); try again next minute",
            "微信限制每位用户每分钟最多登录 100 次（45011），请下一分钟再试"),
    LOGIN_REFUSED(
            HttpStatus.BAD_REQUEST,
            "WeCom or WeChat refused what this login carried (see upstream_errcode and upstream_meaning): start the"
                    + " login again",
            "企业微信或微信拒绝了本次登录提交的内容（见 upstream_errcode 与 upstream_meaning），请重新发起登录"),
    INVALID_GRANT(
            HttpStatus.BAD_REQUEST,
            "The refresh token is invalid, expired, revoked or already used",
            "refresh token 无效、已过期、已撤销或已被使用"),
    REFRESH_TOKEN_REUSED(
            HttpStatus.BAD_REQUEST,
            "This refresh token was already used: every token of this login has been revoked, log in again",
            "该 refresh token 已被使用过：本次登录的所有令牌均已撤销，请重新登录"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "A valid Bearer access token is required", "需要有效的 Bearer access token"),
    /** Consent management ({@code /api/v1/me/consents}) takes wegate's own login tokens, not a relying party's. */
    CLIENT_TOKEN_NOT_ALLOWED(
            HttpStatus.FORBIDDEN,
            "An access token issued to an application cannot manage consents: use a token of wegate's own login",
            "应用获得的 access token 不能管理授权，请使用 wegate 自身登录的令牌"),
    NO_SUCH_CONSENT(HttpStatus.NOT_FOUND, "You have not granted this application anything", "您未向该应用授予任何权限"),
    LOGIN_ENDED(
            HttpStatus.UNAUTHORIZED,
            "This login has ended (logged out, revoked or expired): log in again",
            "本次登录已结束（已退出、已撤销或已过期），请重新登录"),
    /** The operator endpoints (actuator): the same {@code unauthorized} code, with what to send instead. */
    OPERATOR_UNAUTHORIZED(
            "unauthorized",
            HttpStatus.UNAUTHORIZED,
            "Operator credentials are required (HTTP Basic: wegate.management.username and wegate.management.password)",
            "需要运维凭据（HTTP Basic：wegate.management.username 与 wegate.management.password）"),
    /** The admin API ({@code /api/v1/admin/**}): the same {@code unauthorized} code, with what to send. */
    ADMIN_UNAUTHORIZED(
            "unauthorized",
            HttpStatus.UNAUTHORIZED,
            "The admin token is required (Authorization: Bearer <wegate.admin.token>)",
            "需要管理令牌（Authorization: Bearer <wegate.admin.token>）"),
    NOT_LOGGED_IN(HttpStatus.UNAUTHORIZED, "This browser has no wegate session: log in first", "当前浏览器未登录 wegate，请先登录"),
    TOO_MANY_FAILED_LOGINS(
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many failed logins from this address; wait a minute and try again",
            "该地址登录失败次数过多，请一分钟后再试"),
    UPSTREAM_UNAVAILABLE(
            HttpStatus.BAD_GATEWAY,
            "WeCom or WeChat did not answer properly (after retries); try again shortly",
            "企业微信或微信服务暂时不可用（已重试），请稍后再试"),
    UPSTREAM_REJECTED(
            HttpStatus.BAD_GATEWAY,
            "The upstream refused a call wegate made (see upstream_errcode)",
            "上游拒绝了 wegate 发起的调用（见 upstream_errcode）"),
    UPSTREAM_TIMEOUT(
            HttpStatus.GATEWAY_TIMEOUT,
            "WeCom or WeChat did not answer in time; try again shortly",
            "企业微信或微信响应超时，请稍后再试"),
    UPSTREAM_QUOTA_EXHAUSTED(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The app's WeCom or WeChat call limit is exhausted (45009); logins resume when it resets",
            "企业微信或微信接口调用次数已达上限（45009），限制解除后方可登录"),
    UPSTREAM_CONFIGURATION(
            HttpStatus.BAD_GATEWAY,
            "WeCom or WeChat refused the call because of the app's configuration: an operator must fix it (see"
                    + " upstream_errcode)",
            "企业微信或微信因应用配置问题拒绝了调用，需管理员处理（见 upstream_errcode）"),
    /** RFC 7591 §3.2.2: a redirect URI of a client registration is not acceptable. */
    INVALID_REDIRECT_URI(HttpStatus.BAD_REQUEST, "A redirect URI is not acceptable: %s", "重定向 URI 不可用：%s"),
    /** RFC 7591 §3.2.2: a field of a client registration is invalid. Nothing was stored. */
    INVALID_CLIENT_METADATA(HttpStatus.BAD_REQUEST, "The client metadata is invalid: %s", "客户端元数据无效：%s"),
    UNKNOWN_CLIENT(HttpStatus.NOT_FOUND, "No such client: %s", "客户端不存在：%s"),
    CLIENT_FROM_CONFIGURATION(
            HttpStatus.CONFLICT,
            "This client is declared in the configuration (wegate.oidc.clients[n]): change it there, not through the"
                    + " admin API",
            "该客户端在配置文件中声明（wegate.oidc.clients[n]），请在配置中修改，而非通过管理接口"),
    UNKNOWN_ACCOUNT(HttpStatus.NOT_FOUND, "No such account: %s", "账号不存在：%s"),
    UNKNOWN_IDENTITY(HttpStatus.NOT_FOUND, "This account has no such identity: %s", "该账号没有此身份：%s"),
    /** The admin API refuses to unlink an account's only identity: nobody could log in to it again. */
    LAST_IDENTITY(
            HttpStatus.CONFLICT,
            "This is the account's only identity: unlinking it would leave an account nobody can log in to. Disable the"
                    + " account instead",
            "这是该账号唯一的身份：解除关联后将无人能登录该账号。请改为停用账号"),
    SERVICE_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE,
            "wegate's database is unavailable; try again shortly",
            "wegate 数据库暂不可用，请稍后再试"),
    INTERNAL(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Unexpected error; quote the request id to the operator",
            "内部错误，请将 request id 提供给管理员");

    private final String code;
    private final HttpStatus status;
    private final String messageEn;
    private final String messageZh;

    GatewayError(HttpStatus status, String messageEn, String messageZh) {
        this(null, status, messageEn, messageZh);
    }

    GatewayError(String code, HttpStatus status, String messageEn, String messageZh) {
        this.code = code != null ? code : name().toLowerCase(java.util.Locale.ROOT);
        this.status = status;
        this.messageEn = messageEn;
        this.messageZh = messageZh;
    }

    public HttpStatus status() {
        return status;
    }

    /** The JSON {@code error} value, e.g. {@code invalid_state}. */
    public String code() {
        return code;
    }

    public String messageEn() {
        return messageEn(null);
    }

    public String messageZh() {
        return messageZh(null);
    }

    /** The English message, with {@code detail} where the message has room for one. */
    public String messageEn(String detail) {
        return fill(messageEn, detail);
    }

    public String messageZh(String detail) {
        return fill(messageZh, detail);
    }

    private static String fill(String template, String detail) {
        if (!template.contains("%s")) {
            return template;
        }
        return detail == null ? template.replaceAll("[:：]\\s*%s", "") : template.formatted(detail);
    }
}
