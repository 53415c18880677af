package io.wegate.sandbox.wecom;

/** Ends a WeCom API call with an errcode answer (HTTP 200). Cheap: no stack trace, since it is control flow. */
public final class WeComException extends RuntimeException {

    private final int errcode;

    public WeComException(int errcode) {
        this(errcode, WeComError.text(errcode));
    }

    public WeComException(int errcode, String text) {
        super(text, null, false, false);
        this.errcode = errcode;
    }

    public int errcode() {
        return errcode;
    }

    public String text() {
        return getMessage();
    }
}
