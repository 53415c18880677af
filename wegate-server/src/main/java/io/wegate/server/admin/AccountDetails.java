package io.wegate.server.admin;

import io.wegate.server.account.Account;
import io.wegate.server.account.AccountSearch;
import io.wegate.server.account.AccountStore;
import io.wegate.server.account.AuditLog;
import io.wegate.server.account.ExternalIdentity;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import io.wegate.server.oidc.OidcLoginClients;
import io.wegate.server.token.Login;
import io.wegate.server.token.Logins;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The admin API's JSON about accounts: a page of accounts found, one account with its identities, live logins (and
 * the relying parties holding authorizations under each) and recent audit events, and what a change did. Never a
 * token, a profile or a secret.
 */
@Component
class AccountDetails {

    /** How many of the account's audit events the detail shows, newest first. */
    static final int RECENT_EVENTS = 50;

    private final AccountStore accounts;
    private final AccountSearch search;
    private final Logins logins;
    private final OidcLoginClients clients;
    private final AuditLog audit;
    private final io.wegate.server.backchannel.BackChannelLogout backChannel;
    private final Clock clock;

    AccountDetails(
            AccountStore accounts,
            AccountSearch search,
            Logins logins,
            OidcLoginClients clients,
            AuditLog audit,
            io.wegate.server.backchannel.BackChannelLogout backChannel,
            Clock clock) {
        this.backChannel = backChannel;
        this.accounts = accounts;
        this.search = search;
        this.logins = logins;
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
    }

    Map<String, Object> find(String q, int limit, String cursor) {
        AccountSearch.Page page = search.find(q, limit, cursor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accounts", page.accounts().stream().map(AccountDetails::found).toList());
        m.put("next_cursor", page.nextCursor());
        return m;
    }

    Map<String, Object> of(String accountId) {
        Account a = accounts.findAccount(accountId)
                .orElseThrow(() -> new ApiException(GatewayError.UNKNOWN_ACCOUNT, accountId));
        List<Login> live = logins.liveOf(accountId, clock.instant());
        Map<String, List<OidcLoginClients.Client>> byLogin =
                clients.of(live.stream().map(Login::id).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("display_name", a.displayName());
        m.put("mobile", a.mobile());
        m.put("email", a.email());
        m.put("status", a.status());
        m.put("disabled_reason", a.disabledReason());
        m.put("created_at", a.createdAt().toString());
        m.put("updated_at", a.updatedAt().toString());
        m.put(
                "identities",
                accounts.identitiesOf(accountId).stream()
                        .map(AccountDetails::identity)
                        .toList());
        m.put(
                "live_logins",
                live.stream()
                        .map(l -> login(l, byLogin.getOrDefault(l.id(), List.of())))
                        .toList());
        m.put(
                "recent_events",
                audit.recent(accountId, 0, RECENT_EVENTS).stream()
                        .map(AccountDetails::event)
                        .toList());
        // the relying parties told of this account's ended logins, and how it went (a failure shows here)
        m.put(
                "backchannel_deliveries",
                backChannel.deliveriesOf(accountId).stream()
                        .map(AccountDetails::delivery)
                        .toList());
        return m;
    }

    static Map<String, Object> delivery(io.wegate.server.backchannel.BackChannelDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", d.clientId());
        m.put("login_id", d.loginId());
        m.put("reason", d.reason());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("last_status", d.lastStatus());
        m.put("last_error", d.lastError());
        m.put("created_at", d.createdAt().toString());
        m.put(
                "next_attempt_at",
                d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
        m.put("delivered_at", d.deliveredAt() == null ? null : d.deliveredAt().toString());
        return m;
    }

    static Map<String, Object> change(AccountAdministration.Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.accountId());
        m.put("status", c.status());
        m.put("disabled_reason", c.disabledReason());
        m.put("changed", c.changed());
        m.put("logins_ended", c.endedLogins().size());
        m.put("ended_login_ids", c.endedLogins());
        return m;
    }

    static Map<String, Object> event(AuditLog.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", Instant.ofEpochMilli(e.at()).toString());
        m.put("event", e.event());
        m.put("account_id", e.accountId());
        m.put("provider", e.provider());
        m.put("tenant_id", e.tenantId());
        m.put("subject", e.subject());
        m.put("detail", e.detail());
        return m;
    }

    private static Map<String, Object> found(AccountSearch.Found f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("display_name", f.displayName());
        m.put("status", f.status());
        m.put("disabled_reason", f.disabledReason());
        m.put("created_at", f.createdAt().toString());
        m.put("identity_count", f.identities());
        return m;
    }

    private static Map<String, Object> identity(ExternalIdentity i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("provider", i.provider());
        m.put("tenant_id", i.tenantId());
        m.put("subject", i.subject());
        m.put("app_id", i.appId());
        m.put("first_login_at", i.firstLoginAt().toString());
        m.put("last_login_at", i.lastLoginAt().toString());
        m.put(
                "access_ended",
                i.accessEnded() == null || i.accessEnded().isEmpty()
                        ? List.of()
                        : Arrays.asList(i.accessEnded().split(",")));
        return m;
    }

    private static Map<String, Object> login(Login l, List<OidcLoginClients.Client> clients) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("upstream", l.method().upstream());
        m.put("flow", l.method().flow());
        m.put("app_id", l.method().appId());
        m.put("authenticated_at", l.authenticatedAt().toString());
        m.put("expires_at", l.expiresAt().toString());
        m.put(
                "clients",
                clients.stream()
                        .map(c -> Map.of("client_id", c.clientId(), "client_name", c.clientName()))
                        .toList());
        return m;
    }
}
