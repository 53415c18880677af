package io.wegate.client.wecom;

import io.wegate.client.redact.Redactor;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every failure of a WeCom call: an errcode answer, a bad HTTP status, an unreadable body, a
 * timeout or an I/O error. Keeps the original errcode, errmsg and the request id hint.
 */
public final class WeComException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern HINT = Pattern.compile("hint: \\[([^\\]]+)]");
    private static final String GETTOKEN = "/cgi-bin/gettoken";

    /** What went wrong at the transport level. */
    public enum Failure {
        /** WeCom answered with a non-zero errcode. */
        ERRCODE,
        /** WeCom answered with a non-2xx HTTP status. */
        HTTP_STATUS,
        /** The body was not the JSON WeCom sends. */
        MALFORMED_RESPONSE,
        /** No answer within the timeout or the overall deadline. */
        TIMEOUT,
        /** The connection failed. */
        IO
    }

    private final String path;
    private final Failure failure;
    private final Integer errcode;
    private final String errmsg;
    private final int httpStatus;

    private WeComException(
            String path,
            Failure failure,
            Integer errcode,
            String errmsg,
            int httpStatus,
            String message,
            Throwable cause) {
        super(Redactor.redact(message), cause);
        this.path = path;
        this.failure = failure;
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.httpStatus = httpStatus;
    }

    public static WeComException errcode(String path, int errcode, String errmsg) {
        return new WeComException(
                path,
                Failure.ERRCODE,
                errcode,
                errmsg,
                200,
                path + " answered errcode " + errcode + ": " + errmsg,
                null);
    }

    public static WeComException httpStatus(String path, int status) {
        return new WeComException(
                path, Failure.HTTP_STATUS, null, null, status, path + " answered HTTP " + status, null);
    }

    public static WeComException malformed(String path, Throwable cause) {
        return new WeComException(
                path,
                Failure.MALFORMED_RESPONSE,
                null,
                null,
                200,
                path + " answered a body that is not WeCom JSON",
                cause);
    }

    public static WeComException timeout(String path, long millis) {
        return new WeComException(
                path, Failure.TIMEOUT, null, null, 0, path + " did not answer within " + millis + " ms", null);
    }

    public static WeComException io(String path, Throwable cause) {
        return new WeComException(
                path,
                Failure.IO,
                null,
                null,
                0,
                path + " could not be reached: " + cause.getClass().getSimpleName(),
                cause);
    }

    /** The upstream path called, e.g. {@code /cgi-bin/auth/getuserinfo}. */
    public String path() {
        return path;
    }

    public Failure failure() {
        return failure;
    }

    /** The errcode WeCom answered, if it answered one. */
    public OptionalInt errcode() {
        return errcode == null ? OptionalInt.empty() : OptionalInt.of(errcode);
    }

    /** WeCom's errmsg as received (informational; never used to decide anything). */
    public String errmsg() {
        return errmsg;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The request id WeCom put in errmsg ({@code hint: [...]}), for a support ticket. */
    public String requestIdHint() {
        if (errmsg == null) {
            return null;
        }
        Matcher m = HINT.matcher(errmsg);
        return m.find() ? m.group(1) : null;
    }

    /** The table entry for the errcode; null for transport failures and unknown codes. */
    public WeComErrcode known() {
        return errcode == null ? null : WeComErrcode.of(errcode);
    }

    /** How to react: retry, refresh the token, report quota, blame the caller or the configuration. */
    public WeComErrcode.ErrorClass errorClass() {
        return switch (failure) {
            case ERRCODE ->
                GETTOKEN.equals(path) && isTokenErrcode()
                        // on gettoken itself 40001 means the secret is wrong, not that a token went stale
                        ? WeComErrcode.ErrorClass.CONFIGURATION_ERROR
                        : WeComErrcode.classOf(errcode);
            case HTTP_STATUS -> httpStatus >= 500 ? WeComErrcode.ErrorClass.RETRYABLE : WeComErrcode.ErrorClass.UNKNOWN;
            case MALFORMED_RESPONSE, TIMEOUT, IO -> WeComErrcode.ErrorClass.UNKNOWN;
        };
    }

    /** Whether the access token used was rejected, so the call is worth one retry with a new token. */
    public boolean isTokenRejected() {
        return errorClass() == WeComErrcode.ErrorClass.TOKEN_INVALID;
    }

    private boolean isTokenErrcode() {
        return WeComErrcode.classOf(errcode) == WeComErrcode.ErrorClass.TOKEN_INVALID;
    }
}
