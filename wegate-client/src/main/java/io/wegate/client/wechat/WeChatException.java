package io.wegate.client.wechat;

import io.wegate.client.ErrorClass;
import io.wegate.client.UpstreamException;
import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every failure of a WeChat call, with WeChat's errcode, errmsg and rid. */
public final class WeChatException extends UpstreamException {

    private static final long serialVersionUID = 1L;
    // errmsg: "<text>, rid: xxxxxxxx-xxxxxxxx-xxxxxxxx", or older "hints: [ req_id: X ]" / "hint: [X]"
    private static final Pattern RID = Pattern.compile("rid: ([0-9A-Za-z-]+)|req_id: ([^\\] ]+)|hint: \\[([^\\]]+)]");
    // fetching an app token: 40001 there means a wrong secret, not a stale token
    private static final Set<String> TOKEN_PATHS = Set.of("/cgi-bin/token", "/cgi-bin/stable_token");
    private static final Set<WeChatErrcode> CODE_REJECTED =
            Set.of(WeChatErrcode.INVALID_CODE, WeChatErrcode.CODE_USED, WeChatErrcode.CODE_EXPIRED);
    // getuserphonenumber checks the optional openid against the code: 40003 there means the phone code
    // was issued to another user, which the person (or their client) sent, not wegate
    private static final Set<WeChatErrcode> PHONE_CODE_REJECTED = Set.of(
            WeChatErrcode.INVALID_CODE,
            WeChatErrcode.CODE_USED,
            WeChatErrcode.CODE_EXPIRED,
            WeChatErrcode.INVALID_OPENID);

    static final ErrcodeJsonCaller.Failures FAILURES = WeChatException::new;

    private WeChatException(
            String path, Failure failure, Integer errcode, String errmsg, int status, String message, Throwable cause) {
        super(path, failure, errcode, errmsg, status, message, cause);
    }

    static WeChatException malformed(String path) {
        return (WeChatException) FAILURES.malformed(path);
    }

    @Override
    public String upstream() {
        return "WeChat";
    }

    @Override
    public String requestIdHint() {
        if (errmsg() == null) {
            return null;
        }
        Matcher m = RID.matcher(errmsg());
        if (!m.find()) {
            return null;
        }
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }

    @Override
    public WeChatErrcode known() {
        return errcode().isPresent() ? WeChatErrcode.of(errcode().getAsInt()) : null;
    }

    /** A phone code is not a login code: see {@link #isPhoneCodeRejected()}. */
    @Override
    public boolean isLoginCodeRejected() {
        return !onPhoneNumber() && CODE_REJECTED.contains(known());
    }

    /**
     * Whether {@code getuserphonenumber} refused the phone code: invalid, expired, already used, or
     * issued to another user than the one logged in.
     */
    public boolean isPhoneCodeRejected() {
        return onPhoneNumber() && PHONE_CODE_REJECTED.contains(known());
    }

    private boolean onPhoneNumber() {
        return WeChatMiniProgramApi.PHONE_NUMBER.equals(path()) && failure() == Failure.ERRCODE;
    }

    @Override
    public ErrorClass errorClass() {
        if (failure() != Failure.ERRCODE) {
            return transportClass();
        }
        if (isPhoneCodeRejected()) {
            return ErrorClass.USER_ERROR;
        }
        ErrorClass c = WeChatErrcode.classOf(errcode().getAsInt());
        return TOKEN_PATHS.contains(path()) && c == ErrorClass.TOKEN_INVALID ? ErrorClass.CONFIGURATION_ERROR : c;
    }
}
