package io.wegate.server.account;

import java.time.Instant;

/**
 * An upstream identity linked to an account.
 *
 * @param provider {@code wecom}
 * @param tenantId the corp id for WeCom
 * @param subject the stable id the upstream guarantees: the WeCom userid
 * @param appId the agent the last login came through
 * @param profile the upstream profile as last seen (JSON)
 */
public record ExternalIdentity(
        String id,
        String accountId,
        String provider,
        String tenantId,
        String subject,
        String appId,
        String profile,
        Instant firstLoginAt,
        Instant lastLoginAt) {}
