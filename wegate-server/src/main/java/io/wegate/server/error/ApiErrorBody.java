package io.wegate.server.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiErrorBody(
        String error,
        String message,
        String messageZh,
        Integer upstreamErrcode,
        String upstreamMeaning,
        String upstreamMeaningZh,
        String upstreamRequestId,
        String requestId) {}
