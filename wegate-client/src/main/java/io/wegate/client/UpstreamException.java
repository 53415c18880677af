package io.wegate.client;

import io.wegate.client.redact.Redactor;
import java.util.OptionalInt;

/**
 * A failed call to an upstream (WeCom or WeChat): an errcode answer, a bad HTTP status, an
 * unreadable body, a timeout or an I/O error. Each upstream has exactly one subclass; the original
 * errcode, errmsg and request id hint are kept.
 */
public abstract class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong at the transport level. */
    public enum Failure {
        /** The upstream answered with a non-zero errcode. */
        ERRCODE,
        /** The upstream answered with a non-2xx HTTP status. */
        HTTP_STATUS,
        /** The body was not the JSON the upstream sends. */
        MALFORMED_RESPONSE,
        /** No answer within the timeout or the overall deadline. */
        TIMEOUT,
        /** No connection could be made: nothing was sent, so the call is safe to retry. */
        CONNECT,
        /** The connection failed. */
        IO
    }

    private final String path;
    private final Failure failure;
    private final Integer errcode;
    private final String errmsg;
    private final int httpStatus;

    protected UpstreamException(
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

    /** The upstream path called, e.g. {@code /cgi-bin/auth/getuserinfo}. */
    public String path() {
        return path;
    }

    public Failure failure() {
        return failure;
    }

    /** The errcode the upstream answered, if it answered one. */
    public OptionalInt errcode() {
        return errcode == null ? OptionalInt.empty() : OptionalInt.of(errcode);
    }

    /** The upstream's errmsg as received (informational; never used to decide anything). */
    public String errmsg() {
        return errmsg;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The request id the upstream put in errmsg, for a support ticket; null if none. */
    public abstract String requestIdHint();

    /** How to react: retry, refresh the token, report quota, blame the caller or the configuration. */
    public abstract ErrorClass errorClass();

    /** The row of the upstream's errcode table; null for transport failures and unknown codes. */
    public abstract UpstreamErrcode known();

    /** What the errcode means, in English; null when unknown. */
    public final String meaningEn() {
        UpstreamErrcode k = known();
        return k == null ? null : k.meaningEn();
    }

    /** What the errcode means, in Chinese; null when unknown. */
    public final String meaningZh() {
        UpstreamErrcode k = known();
        return k == null ? null : k.meaningZh();
    }

    /** Whether the upstream refused the one-time login code (invalid, expired or already used). */
    public abstract boolean isLoginCodeRejected();

    /** Whether the app access token used was rejected, so the call is worth one retry with a new one. */
    public boolean isTokenRejected() {
        return errorClass() == ErrorClass.TOKEN_INVALID;
    }

    /** The class of a transport failure (no errcode). */
    protected final ErrorClass transportClass() {
        boolean transient5xx = failure == Failure.HTTP_STATUS && httpStatus >= 500;
        return transient5xx || failure == Failure.CONNECT ? ErrorClass.RETRYABLE : ErrorClass.UNKNOWN;
    }

    /** The upstream's name, for messages: {@code WeCom} or {@code WeChat}. */
    public abstract String upstream();
}
