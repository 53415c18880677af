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
        List<IdentityView> identities,
        List<DepartmentView> departments) {

    /** A WeCom department the account belongs to (kept by the directory import). */
    public record DepartmentView(String tenantId, long id, String name) {}

    /** A linked upstream identity, without its raw profile. */
    public record IdentityView(
            String provider,
            String tenantId,
            String subject,
            String appId,
            Instant firstLoginAt,
            Instant lastLoginAt) {}

    public static AccountView of(Account a, List<ExternalIdentity> identities) {
        return of(a, identities, List.of());
    }

    public static AccountView of(Account a, List<ExternalIdentity> identities, List<DepartmentView> departments) {
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
                        .toList(),
                departments.isEmpty() ? null : departments);
    }
}
