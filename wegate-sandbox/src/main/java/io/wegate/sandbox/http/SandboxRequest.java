package io.wegate.sandbox.http;

import java.util.Map;

/**
 * One parsed HTTP request: query (or form) parameters are already decoded; the first value wins for repeated names.
 *
 * @param remoteIp the caller's address, echoed in WeCom's {@code from ip} errmsg suffix
 */
public record SandboxRequest(
        String method, String path, Map<String, String> query, String contentType, byte[] body, String remoteIp) {

    public SandboxRequest {
        query = Map.copyOf(query);
        contentType = contentType == null ? "" : contentType;
    }

    /** The query parameter, treating an empty value like an absent one, as WeCom reports both as "missing". */
    public String param(String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The form fields of an {@code application/x-www-form-urlencoded} body. */
    public Map<String, String> form() {
        return QueryString.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
}
