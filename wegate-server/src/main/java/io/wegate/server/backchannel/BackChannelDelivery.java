package io.wegate.server.backchannel;

import java.time.Instant;

/**
 * One back-channel logout delivery: the relying party {@code clientId} told (or to be told) that
 * the login {@code loginId} of {@code accountId} ended. Holds no token: the logout token is signed
 * afresh at every attempt.
 *
 * @param status {@link #PENDING}, {@link #DELIVERED} or {@link #GIVEN_UP}
 * @param attempts how many times it was sent
 * @param lastStatus the HTTP status of the last answer; null before any, or after a connection error
 * @param lastError the class of the last connection error (e.g. {@code ConnectException}); null if none
 * @param nextAttemptAt when it is sent next (pending ones only)
 * @param deliveredAt when the relying party accepted it; null until then
 */
public record BackChannelDelivery(
        String id,
        String clientId,
        String loginId,
        String accountId,
        String reason,
        String status,
        int attempts,
        Integer lastStatus,
        String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String GIVEN_UP = "given_up";
}
