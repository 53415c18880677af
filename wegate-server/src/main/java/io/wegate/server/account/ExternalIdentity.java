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
 * @param accessEnded the apps an upstream said this identity may no longer use ({@code *} for all), comma-separated;
 *     null when none
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
        Instant lastLoginAt,
        String accessEnded) {

    /** The key the upstream identifies this person by. */
    public IdentityKey key() {
        return new IdentityKey(provider, tenantId, subject);
    }

    /** Everything, for all of the identity's apps ({@code access_ended}). */
    public static final String ALL_APPS = "*";

    /**
     * Whether an upstream said this identity's access to {@code app} (a WeCom agentid, a WeChat appid) has ended: the
     * member left, was disabled, or was taken out of the app's visible range.
     */
    public boolean accessEndedFor(String app) {
        if (accessEnded == null || accessEnded.isEmpty()) {
            return false;
        }
        for (String a : accessEnded.split(",")) {
            if (a.equals(ALL_APPS) || a.equals(app)) {
                return true;
            }
        }
        return false;
    }
}
