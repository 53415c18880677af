package io.wegate.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HTTP answer.
 *
 * @param errorKey how {@code /sandbox/stats} files this answer under errors (an errcode such as {@code "40029"},
 *     {@code "http_500"}, {@code "malformed_json"}), or {@code null} for a success
 */
public record SandboxResponse(
        int status, String contentType, byte[] body, Map<String, String> headers, String errorKey) {

    public static final String JSON = "application/json; charset=UTF-8";
    public static final String HTML = "text/html; charset=UTF-8";

    public SandboxResponse {
        headers = Map.copyOf(headers);
    }

    public static SandboxResponse json(int status, JsonNode body) {
        return new SandboxResponse(status, JSON, Json.bytes(body), Map.of(), null);
    }

    public static SandboxResponse html(int status, String page) {
        return new SandboxResponse(status, HTML, page.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    /** A 302 to {@code location}; the browser must not cache it, since each one carries a fresh code. */
    public static SandboxResponse redirect(String location) {
        return new SandboxResponse(
                302, HTML, new byte[0], Map.of("Location", location, "Cache-Control", "no-store"), null);
    }

    /** The tooling endpoints' error shape: {@code {"error": "...", "message": "..."}}. */
    public static SandboxResponse error(int status, String error, String message) {
        ObjectNode body = Json.object().put("error", error).put("message", message);
        return json(status, body);
    }

    public SandboxResponse withErrorKey(String key) {
        return new SandboxResponse(status, contentType, body, headers, key);
    }

    public SandboxResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SandboxResponse(status, contentType, body, more, errorKey);
    }
}
