package io.wegate.server.admin;

import io.wegate.server.error.ApiException;
import io.wegate.server.error.GatewayError;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The accounts, for an administrator: {@code GET /api/v1/admin/accounts?q=&limit=&cursor=} finds them (newest first),
 * {@code GET .../{id}} shows one with its identities, live logins and recent audit events; {@code POST .../{id}/disable}
 * (optional {@code {"reason"}}), {@code .../enable} and {@code .../logout} change it, {@code DELETE
 * .../{id}/identities/{identityId}} unlinks an identity. The rules and the audit are {@link AccountAdministration}'s.
 */
@RestController
class AccountsController {

    private static final String VIA = "api";

    private final AccountDetails details;
    private final AccountAdministration administration;

    AccountsController(AccountDetails details, AccountAdministration administration) {
        this.details = details;
        this.administration = administration;
    }

    @GetMapping("/api/v1/admin/accounts")
    Map<String, Object> find(
            @RequestParam(name = "q", required = false) String q,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        return details.find(q, limit(limit), cursor);
    }

    @GetMapping("/api/v1/admin/accounts/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return details.of(id);
    }

    @PostMapping("/api/v1/admin/accounts/{id}/disable")
    Map<String, Object> disable(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        return AccountDetails.change(administration.disable(id, reason(body), VIA));
    }

    @PostMapping("/api/v1/admin/accounts/{id}/enable")
    Map<String, Object> enable(@PathVariable String id) {
        return AccountDetails.change(administration.enable(id, VIA));
    }

    @PostMapping("/api/v1/admin/accounts/{id}/logout")
    Map<String, Object> logout(@PathVariable String id) {
        return AccountDetails.change(administration.logout(id, VIA));
    }

    @DeleteMapping("/api/v1/admin/accounts/{id}/identities/{identityId}")
    Map<String, Object> unlink(@PathVariable String id, @PathVariable String identityId) {
        return AccountDetails.change(administration.unlink(id, identityId, VIA));
    }

    /** {@code limit}: 1 to 100, 20 when absent. */
    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 20;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "limit must be a number");
        }
    }

    private static String reason(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "the body must be a JSON object");
        }
        JsonNode reason = body.get("reason");
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isString()) {
            throw new ApiException(GatewayError.INVALID_REQUEST, "reason must be a string");
        }
        return reason.asString();
    }
}
