package io.wegate.server.account;

import java.util.Objects;

/**
 * A successful upstream login, as the account service needs it.
 *
 * @param displayName the name to give a new account (never used to match accounts)
 * @param mobile a mobile number the upstream verified, or null
 * @param email an email the upstream returned, or null
 * @param profile the upstream profile snapshot as JSON
 */
public record ExternalLogin(
        String provider,
        String tenantId,
        String subject,
        String appId,
        String displayName,
        String mobile,
        String email,
        String profile) {

    public ExternalLogin {
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(tenantId, "tenantId must not be null");
        Objects.requireNonNull(subject, "subject must not be null");
        Objects.requireNonNull(appId, "appId must not be null");
        Objects.requireNonNull(profile, "profile must not be null");
        if (displayName == null || displayName.isBlank()) {
            displayName = subject;
        }
    }
}
