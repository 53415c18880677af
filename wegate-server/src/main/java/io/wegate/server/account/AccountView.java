package io.wegate.server.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** An account as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(
        String id,
        String displayName,
        String mobile,
        String email,
        String status,
        Instant createdAt,
        List<IdentityView> identities) {

    /** A linked upstream identity, without its raw profile. */
    public record IdentityView(
            String provider,
            String tenantId,
            String subject,
            String appId,
            Instant firstLoginAt,
            Instant lastLoginAt) {}

    public static AccountView of(Account a, List<ExternalIdentity> identities) {
        return new AccountView(
                a.id(),
                a.displayName(),
                a.mobile(),
                a.email(),
                a.status(),
                a.createdAt(),
                identities.stream()
                        .map(i -> new IdentityView(
                                i.provider(), i.tenantId(), i.subject(), i.appId(), i.firstLoginAt(), i.lastLoginAt()))
                        .toList());
    }
}
