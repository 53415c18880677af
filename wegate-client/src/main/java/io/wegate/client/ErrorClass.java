package io.wegate.client;

/** How a caller should react to an upstream failure: the last column of every errcode table. */
public enum ErrorClass {
    /** The app access token was rejected: drop it (if still current) and retry once. */
    TOKEN_INVALID,
    /** Transient upstream trouble: retry with backoff. */
    RETRYABLE,
    /** A call limit is exhausted: do not retry, report. */
    QUOTA,
    /** The request (code, ticket, userid) is wrong: the end user or caller must start again. */
    CALLER_ERROR,
    /** wegate or the upstream app is misconfigured: an operator must act. */
    CONFIGURATION_ERROR,
    /** Not in the table. */
    UNKNOWN
}
