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

/** {@code GET /api/v1/admin/audit?account_id=&since=&limit=}: the audit log, newest first. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/audit")
    Map<String, Object> audit(
            @RequestParam(name = "account_id", required = false) String accountId,
            @RequestParam(name = "since", required = false) String since,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "limit must be 1-1000");
        }
        long from;
        try {
            from = since == null ? 0 : Instant.parse(since).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "since must be an ISO-8601 instant");
        }
        List<Map<String, Object>> events = audit.recent(accountId, from, limit).stream()
                .map(e -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("at", Instant.ofEpochMilli(e.at()).toString());
                    m.put("event", e.event());
                    m.put("account_id", e.accountId());
                    m.put("provider", e.provider());
                    m.put("tenant_id", e.tenantId());
                    m.put("subject", e.subject());
                    m.put("detail", e.detail());
                    return m;
                })
                .toList();
        return Map.of("events", events);
    }
}
