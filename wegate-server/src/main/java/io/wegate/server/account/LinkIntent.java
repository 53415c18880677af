package io.wegate.server.account;

/**
 * A redeemed link ticket: attach the identity of the coming login to {@code accountId}, on behalf of
 * the login {@code loginId} that asked for the ticket (and only while that login is the one present).
 */
public record LinkIntent(String accountId, String loginId) {}
