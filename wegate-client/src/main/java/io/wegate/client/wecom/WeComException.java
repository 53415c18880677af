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

    /** Builds the exception for each kind of failure, for the shared caller. */
    static final ErrcodeJsonCaller.Failures FAILURES = new ErrcodeJsonCaller.Failures() {
        @Override
        public UpstreamException errcode(String path, int errcode, String errmsg) {
            return WeComException.errcode(path, errcode, errmsg);
        }

        @Override
        public UpstreamException httpStatus(String path, int status) {
            return new WeComException(path, Failure.HTTP_STATUS, null, null, status, path + " answered HTTP " + status);
        }

        @Override
        public UpstreamException malformed(String path) {
            return WeComException.malformed(path);
        }

        @Override
        public UpstreamException timeout(String path, long millis) {
            return new WeComException(
                    path, Failure.TIMEOUT, null, null, 0, path + " did not answer within " + millis + " ms");
        }

        @Override
        public UpstreamException connect(String path, Throwable cause) {
            return new WeComException(
                    path,
                    Failure.CONNECT,
                    null,
                    null,
                    0,
                    path + " could not be connected to: " + cause.getClass().getSimpleName(),
                    cause);
        }

        @Override
        public UpstreamException io(String path, Throwable cause) {
            return new WeComException(
                    path,
                    Failure.IO,
                    null,
                    null,
                    0,
                    path + " could not be reached: " + cause.getClass().getSimpleName(),
                    cause);
        }
    };

    private WeComException(String path, Failure failure, Integer errcode, String errmsg, int status, String message) {
        this(path, failure, errcode, errmsg, status, message, null);
    }

    private WeComException(
            String path, Failure failure, Integer errcode, String errmsg, int status, String message, Throwable cause) {
        super(path, failure, errcode, errmsg, status, message, cause);
    }

    static WeComException errcode(String path, int errcode, String errmsg) {
        return new WeComException(
                path, Failure.ERRCODE, errcode, errmsg, 200, path + " answered errcode " + errcode + ": " + errmsg);
    }

    static WeComException malformed(String path) {
        return new WeComException(
                path, Failure.MALFORMED_RESPONSE, null, null, 200, path + " answered a body that is not WeCom JSON");
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

    /** The table entry for the errcode; null for transport failures and unknown codes. */
    public WeComErrcode known() {
        return errcode().isPresent() ? WeComErrcode.of(errcode().getAsInt()) : null;
    }

    @Override
    public String meaningEn() {
        WeComErrcode k = known();
        return k == null ? null : k.meaningEn();
    }

    @Override
    public String meaningZh() {
        WeComErrcode k = known();
        return k == null ? null : k.meaningZh();
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
