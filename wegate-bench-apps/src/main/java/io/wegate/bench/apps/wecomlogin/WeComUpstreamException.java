package io.wegate.bench.apps.wecomlogin;

/** WeCom answered a non-zero {@code errcode}, or (errcode -1, WeCom's "system busy") could not be reached or read. */
public final class WeComUpstreamException extends RuntimeException {

    private final int errcode;

    public WeComUpstreamException(int errcode, String path) {
        super(path + " answered errcode " + errcode);
        this.errcode = errcode;
    }

    public WeComUpstreamException(String path, Throwable cause) {
        super(path + " failed: " + cause.getClass().getSimpleName(), cause);
        this.errcode = -1;
    }

    public int errcode() {
        return errcode;
    }
}
