package io.wegate.server.admin;

import io.wegate.server.oidc.OidcClientRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The OpenID Connect relying parties, as RFC 7591 client metadata: {@code POST
 * /api/v1/admin/clients} registers one (201, the secret in the answer, the only time it is shown),
 * {@code GET} lists them or reads one (never a secret), {@code PUT} replaces a client's metadata,
 * {@code DELETE} removes it, {@code POST .../{client_id}/secret} issues a new secret. Clients of
 * the configuration answer 409 to every change. Every change is audited.
 */
@RestController
class ClientsController {

    private static final String VIA = "api";

    private final OidcClientRegistry registry;
    private final AdminAudit audit;

    ClientsController(OidcClientRegistry registry, AdminAudit audit) {
        this.registry = registry;
        this.audit = audit;
    }

    @PostMapping("/api/v1/admin/clients")
    ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode metadata) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .body(registry.create(
                        metadata, VIA, id -> audit.record("admin.client.created", VIA, null, detail(id))));
    }

    @GetMapping("/api/v1/admin/clients")
    Map<String, List<Map<String, Object>>> list() {
        return Map.of("clients", registry.list());
    }

    @GetMapping("/api/v1/admin/clients/{clientId}")
    Map<String, Object> get(@PathVariable String clientId) {
        return registry.get(clientId);
    }

    @PutMapping("/api/v1/admin/clients/{clientId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable String clientId, @RequestBody JsonNode metadata) {
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .body(registry.update(
                        clientId, metadata, id -> audit.record("admin.client.updated", VIA, null, detail(id))));
    }

    @PostMapping("/api/v1/admin/clients/{clientId}/secret")
    ResponseEntity<Map<String, Object>> rotateSecret(@PathVariable String clientId) {
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .body(registry.rotateSecret(
                        clientId, id -> audit.record("admin.client.secret_rotated", VIA, null, detail(id))));
    }

    @DeleteMapping("/api/v1/admin/clients/{clientId}")
    ResponseEntity<Void> delete(@PathVariable String clientId) {
        registry.delete(clientId, id -> audit.record("admin.client.deleted", VIA, null, detail(id)));
        return ResponseEntity.noContent().build();
    }

    static String detail(String clientId) {
        return "client_id=" + clientId;
    }
}
