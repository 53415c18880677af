package io.wegate.client;

/**
 * How a caller should react to an upstream failure: the last column of every errcode table. The
 * line that matters most to a gateway runs between {@link #USER_ERROR} (the person, or the
 * application that brought their code, must act: answer 4xx) and the rest (wegate, its
 * configuration or the upstream must: answer 5xx).
 */
public enum ErrorClass {
    /** The app access token was rejected: drop it (if still current) and retry once. */
    TOKEN_INVALID,
    /** Transient upstream trouble: retry with backoff. */
    RETRYABLE,
    /** An app-wide call limit is exhausted: do not retry, report. */
    QUOTA,
    /**
     * What the end user brought is refused — a login or phone code that is invalid, expired, used or
     * another user's — or the user themself is (high-risk, over their own per-minute limit): they
     * must start again, or cannot log in. Never a reason to page an operator.
     */
    USER_ERROR,
    /**
     * The upstream refused a parameter the client itself supplies (grant_type, a missing token, a
     * malformed body, an id taken from an earlier answer): a bug in the client, or an upstream that
     * changed; not the end user's doing.
     */
    REQUEST_ERROR,
    /** wegate or the upstream app is misconfigured: an operator must act. */
    CONFIGURATION_ERROR,
    /** Not in the table. */
    UNKNOWN
}
