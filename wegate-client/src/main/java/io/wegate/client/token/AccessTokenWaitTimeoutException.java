package io.wegate.client.token;

import java.time.Duration;

/** Thrown to a caller that waited longer than allowed for another caller's token refresh. */
public final class AccessTokenWaitTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessTokenWaitTimeoutException(Duration waited) {
        super("timed out after " + waited.toMillis() + " ms waiting for an access token refresh");
    }
}
