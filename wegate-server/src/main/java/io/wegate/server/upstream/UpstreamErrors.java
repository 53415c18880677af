package io.wegate.server.upstream;

import io.wegate.client.token.AccessTokenWaitTimeoutException;
import io.wegate.client.wecom.WeComErrcode;
import io.wegate.client.wecom.WeComException;
import io.wegate.server.web.ApiException;
import io.wegate.server.web.GatewayError;

/** Turns upstream failures into what the gateway answers: the one mapping from errcode class to HTTP. */
public final class UpstreamErrors {

    private UpstreamErrors() {}

    public static ApiException toApiException(RuntimeException e) {
        if (e instanceof WeComException we) {
            return fromWeCom(we);
        }
        if (e instanceof AccessTokenWaitTimeoutException) {
            return new ApiException(GatewayError.UPSTREAM_TIMEOUT, null, null, null, e);
        }
        return new ApiException(GatewayError.UPSTREAM_UNAVAILABLE, null, null, null, e);
    }

    private static ApiException fromWeCom(WeComException e) {
        Integer errcode = e.errcode().isPresent() ? e.errcode().getAsInt() : null;
        String rid = e.requestIdHint();
        if (e.failure() == WeComException.Failure.TIMEOUT) {
            return new ApiException(GatewayError.UPSTREAM_TIMEOUT, null, null, null, e);
        }
        if (errcode == null) {
            return new ApiException(GatewayError.UPSTREAM_UNAVAILABLE, null, null, null, e);
        }
        GatewayError error = switch (e.errorClass()) {
            case QUOTA -> GatewayError.UPSTREAM_QUOTA_EXHAUSTED;
            case CONFIGURATION_ERROR -> GatewayError.UPSTREAM_CONFIGURATION;
            case CALLER_ERROR ->
                errcode == WeComErrcode.INVALID_CODE.code()
                        ? GatewayError.INVALID_CODE
                        : GatewayError.UPSTREAM_UNAVAILABLE;
            case TOKEN_INVALID, RETRYABLE, UNKNOWN -> GatewayError.UPSTREAM_UNAVAILABLE;
        };
        return new ApiException(error, null, errcode, rid, e);
    }
}
