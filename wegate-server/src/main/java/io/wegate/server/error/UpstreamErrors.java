package io.wegate.server.error;

import io.wegate.client.UpstreamException;
import io.wegate.client.token.AccessTokenWaitTimeoutException;

/** Turns upstream failures into what the gateway answers: the one mapping from errcode class to HTTP. */
public final class UpstreamErrors {

    private UpstreamErrors() {}

    public static ApiException toApiException(RuntimeException e) {
        if (e instanceof UpstreamException ue) {
            return fromUpstream(ue);
        }
        if (e instanceof AccessTokenWaitTimeoutException) {
            return new ApiException(GatewayError.UPSTREAM_TIMEOUT, null, null, e);
        }
        return new ApiException(GatewayError.UPSTREAM_UNAVAILABLE, null, null, e);
    }

    private static ApiException fromUpstream(UpstreamException e) {
        if (e.failure() == UpstreamException.Failure.TIMEOUT) {
            return new ApiException(GatewayError.UPSTREAM_TIMEOUT, null, e, e);
        }
        if (e.errcode().isEmpty()) {
            return new ApiException(GatewayError.UPSTREAM_UNAVAILABLE, null, e, e);
        }
        GatewayError error = switch (e.errorClass()) {
            case QUOTA -> GatewayError.UPSTREAM_QUOTA_EXHAUSTED;
            case CONFIGURATION_ERROR -> GatewayError.UPSTREAM_CONFIGURATION;
            case CALLER_ERROR -> e.isLoginCodeRejected() ? GatewayError.INVALID_CODE : GatewayError.UPSTREAM_REJECTED;
            case TOKEN_INVALID, RETRYABLE, UNKNOWN -> GatewayError.UPSTREAM_UNAVAILABLE;
        };
        return new ApiException(error, null, e, e);
    }
}
