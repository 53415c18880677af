package io.wegate.server.error;

import io.wegate.client.UpstreamException;
import io.wegate.client.token.AccessTokenWaitTimeoutException;
import io.wegate.client.wechat.WeChatErrcode;
import io.wegate.client.wechat.WeChatException;

/**
 * Turns upstream failures into what the gateway answers: the one mapping from errcode class to HTTP.
 * What the person logging in brought, or the person themself, is a 4xx ({@code USER_ERROR}); what
 * wegate sent, its configuration, and the upstream's own trouble are 5xx.
 */
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
            case USER_ERROR -> userError(e);
            case REQUEST_ERROR -> GatewayError.UPSTREAM_REJECTED;
            case TOKEN_INVALID, RETRYABLE, UNKNOWN -> GatewayError.UPSTREAM_UNAVAILABLE;
        };
        return new ApiException(error, null, e, e);
    }

    /** Always a 4xx: the most specific error for what the person has to do next. */
    private static GatewayError userError(UpstreamException e) {
        if (e instanceof WeChatException w && w.isPhoneCodeRejected()) {
            return GatewayError.INVALID_PHONE_CODE;
        }
        if (e.isLoginCodeRejected()) {
            return GatewayError.INVALID_CODE;
        }
        if (e.known() == WeChatErrcode.CODE_BLOCKED) {
            return GatewayError.LOGIN_BLOCKED;
        }
        if (e.known() == WeChatErrcode.MINUTE_QUOTA) {
            return GatewayError.TOO_MANY_USER_LOGINS;
        }
        return GatewayError.LOGIN_REFUSED;
    }
}
