package io.wegate.client.wecom;

import io.wegate.client.ErrorClass;
import io.wegate.client.UpstreamException;
import io.wegate.client.internal.http.ErrcodeJsonCaller;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every failure of a WeCom call, with WeCom's errcode, errmsg and request id hint. */
public final class WeComException extends UpstreamException {

    private static final long serialVersionUID = 1L;
    // errmsg: "<text>, hint: [<request id>], from ip: ..., more info at ..."
    private static final Pattern HINT = Pattern.compile("hint: \\[([^\\]]+)]");
    private static final String GETTOKEN = "/cgi-bin/gettoken";

    static final ErrcodeJsonCaller.Failures FAILURES = WeComException::new;

    private WeComException(
            String path, Failure failure, Integer errcode, String errmsg, int status, String message, Throwable cause) {
        super(path, failure, errcode, errmsg, status, message, cause);
    }

    static WeComException malformed(String path) {
        return (WeComException) FAILURES.malformed(path);
    }

    @Override
    public String upstream() {
        return "WeCom";
    }

    @Override
    public String requestIdHint() {
        if (errmsg() == null) {
            return null;
        }
        Matcher m = HINT.matcher(errmsg());
        return m.find() ? m.group(1) : null;
    }

    @Override
    public WeComErrcode known() {
        return errcode().isPresent() ? WeComErrcode.of(errcode().getAsInt()) : null;
    }

    @Override
    public boolean isLoginCodeRejected() {
        return known() == WeComErrcode.INVALID_CODE;
    }

    @Override
    public ErrorClass errorClass() {
        if (failure() != Failure.ERRCODE) {
            return transportClass();
        }
        ErrorClass c = WeComErrcode.classOf(errcode().getAsInt());
        // on gettoken itself 40001 means the secret is wrong, not that a token went stale
        return GETTOKEN.equals(path()) && c == ErrorClass.TOKEN_INVALID ? ErrorClass.CONFIGURATION_ERROR : c;
    }
}
