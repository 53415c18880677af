package io.wegate.server.web;

/**
 * A failure the client should see as it is: a {@link GatewayError}, optionally with a detail and
 * the upstream errcode behind it. Messages never contain codes, tokens or secrets.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final GatewayError error;
    private final String detail;
    private final Integer upstreamErrcode;
    private final String upstreamRequestId;

    public ApiException(GatewayError error) {
        this(error, null, null, null, null);
    }

    public ApiException(GatewayError error, String detail) {
        this(error, detail, null, null, null);
    }

    public ApiException(
            GatewayError error, String detail, Integer upstreamErrcode, String upstreamRequestId, Throwable cause) {
        super(error.code() + (detail == null ? "" : ": " + detail), cause);
        this.error = error;
        this.detail = detail;
        this.upstreamErrcode = upstreamErrcode;
        this.upstreamRequestId = upstreamRequestId;
    }

    public GatewayError error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    public Integer upstreamErrcode() {
        return upstreamErrcode;
    }

    public String upstreamRequestId() {
        return upstreamRequestId;
    }
}
