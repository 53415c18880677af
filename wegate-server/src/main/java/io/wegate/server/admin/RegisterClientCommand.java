package io.wegate.server.admin;

import io.wegate.server.error.ApiException;
import io.wegate.server.oidc.OidcClientRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin command {@code java -jar wegate-server.jar --register-client --client-name=...
 * --redirect-uri=... [--redirect-uri=...] [--post-logout-redirect-uri=...] [--scope="openid profile"]
 * [--grant-type=...] [--token-endpoint-auth-method=...] [--subject-type=...]
 * [--id-token-signed-response-alg=...] [--jwks-uri=...] [--token-endpoint-auth-signing-alg=...]
 * [--backchannel-logout-uri=...] [--upstream=...] [--app=...] [--first-party]}: registers a relying
 * party, prints the same JSON as {@code POST /api/v1/admin/clients} (the secret in it, once) and
 * exits (1 with the error JSON when the metadata is refused).
 */
@Component
class RegisterClientCommand implements ApplicationRunner {

    static final String OPTION = "register-client";

    private final OidcClientRegistry registry;
    private final AdminAudit audit;
    private final JsonMapper json;
    private final ConfigurableApplicationContext context;

    RegisterClientCommand(
            OidcClientRegistry registry, AdminAudit audit, JsonMapper json, ConfigurableApplicationContext context) {
        this.registry = registry;
        this.audit = audit;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int exit = register(args, registry, audit, json, System.out);
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    /** What the command does, without exiting: the exit status. */
    static int register(
            ApplicationArguments args,
            OidcClientRegistry registry,
            AdminAudit audit,
            JsonMapper json,
            PrintStream out) {
        ObjectNode metadata = json.createObjectNode();
        one(args, "client-name").ifPresent(v -> metadata.put("client_name", v));
        many(args, "redirect-uri", metadata, "redirect_uris");
        many(args, "post-logout-redirect-uri", metadata, "post_logout_redirect_uris");
        many(args, "grant-type", metadata, "grant_types");
        one(args, "scope").ifPresent(v -> metadata.put("scope", v.replace(',', ' ')));
        one(args, "token-endpoint-auth-method").ifPresent(v -> metadata.put("token_endpoint_auth_method", v));
        one(args, "subject-type").ifPresent(v -> metadata.put("subject_type", v));
        one(args, "id-token-signed-response-alg").ifPresent(v -> metadata.put("id_token_signed_response_alg", v));
        one(args, "jwks-uri").ifPresent(v -> metadata.put("jwks_uri", v));
        one(args, "token-endpoint-auth-signing-alg").ifPresent(v -> metadata.put("token_endpoint_auth_signing_alg", v));
        many(args, "upstream", metadata, "wegate_upstreams");
        one(args, "app").ifPresent(v -> metadata.put("wegate_app", v));
        one(args, "backchannel-logout-uri").ifPresent(v -> metadata.put("backchannel_logout_uri", v));
        if (args.containsOption("first-party")) {
            List<String> v = args.getOptionValues("first-party");
            metadata.put("first_party", v.isEmpty() || !v.get(0).equalsIgnoreCase("false"));
        }
        try {
            Map<String, Object> answer = registry.create(
                    metadata,
                    "cli",
                    id -> audit.record("admin.client.created", "cli", null, ClientsController.detail(id)));
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return 0;
        } catch (ApiException e) {
            out.println(json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Map.of(
                            "error", e.error().code(),
                            "message", e.error().messageEn(e.detail()),
                            "message_zh", e.error().messageZh(e.detail()))));
            return 1;
        }
    }

    private static java.util.Optional<String> one(ApplicationArguments args, String option) {
        List<String> v = args.getOptionValues(option);
        return v == null || v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v.get(v.size() - 1));
    }

    private static void many(ApplicationArguments args, String option, ObjectNode metadata, String field) {
        List<String> v = args.getOptionValues(option);
        if (v != null && !v.isEmpty()) {
            ArrayNode a = metadata.putArray(field);
            v.stream()
                    .flatMap(s -> java.util.Arrays.stream(s.split(",")))
                    .filter(s -> !s.isBlank())
                    .forEach(a::add);
        }
    }
}
