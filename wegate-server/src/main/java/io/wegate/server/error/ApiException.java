package io.wegate.server.error;

import io.wegate.client.UpstreamException;

/**
 * A failure the client should see as it is: a {@link GatewayError}, optionally with a detail and
 * the upstream failure behind it. Messages never contain codes, tokens or secrets.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final GatewayError error;
    private final String detail;
    private final transient UpstreamException upstream;

    public ApiException(GatewayError error) {
        this(error, null, null, null);
    }

    public ApiException(GatewayError error, String detail) {
        this(error, detail, null, null);
    }

    public ApiException(GatewayError error, String detail, UpstreamException upstream, Throwable cause) {
        super(error.code() + (detail == null ? "" : ": " + detail), cause);
        this.error = error;
        this.detail = detail;
        this.upstream = upstream;
    }

    public GatewayError error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    /** The upstream failure behind this one, or null. */
    public UpstreamException upstream() {
        return upstream;
    }

    public Integer upstreamErrcode() {
        return upstream == null || upstream.errcode().isEmpty()
                ? null
                : upstream.errcode().getAsInt();
    }

    public String upstreamRequestId() {
        return upstream == null ? null : upstream.requestIdHint();
    }
}
