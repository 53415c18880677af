package io.wegate.server.admin;

import io.wegate.server.account.AuditLog;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/audit?account=&since=&until=&limit=}: the audit log, newest first, optionally of one account
 * ({@code account}, or {@code account_id} as before), from {@code since} (inclusive) to {@code until} (exclusive), both
 * ISO-8601 instants.
 */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/audit")
    Map<String, Object> audit(
            @RequestParam(name = "account", required = false) String account,
            @RequestParam(name = "account_id", required = false) String accountId,
            @RequestParam(name = "since", required = false) String since,
            @RequestParam(name = "until", required = false) String until,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "limit must be 1-1000");
        }
        if (account != null && accountId != null && !account.equals(accountId)) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "account and account_id name different accounts");
        }
        String who = account != null ? account : accountId;
        long from = instant("since", since, 0);
        long to = instant("until", until, Long.MAX_VALUE);
        if (from >= to) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "since must be before until");
        }
        List<Map<String, Object>> events = audit.recent(who, from, to, limit).stream()
                .map(AccountDetails::event)
                .toList();
        return Map.of("events", events);
    }

    private static long instant(String name, String value, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value.strip()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            throw new ApiException(GatewayError.INVALID_REQUEST, name + " must be an ISO-8601 instant");
        }
    }
}
