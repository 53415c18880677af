package io.wegate.sandbox.http;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One parsed HTTP request: query (or form) parameters are already decoded; the first value wins for repeated names.
 *
 * @param remoteIp the caller's address, echoed in WeCom's {@code from ip} errmsg suffix
 * @param host the {@code Host} header ({@code host[:port]}), for absolute links such as the URL inside a QR code;
 *     {@code localhost} when absent or not a plain host
 */
public record SandboxRequest(
        String method,
        String path,
        Map<String, String> query,
        String contentType,
        byte[] body,
        String remoteIp,
        String host) {

    // The header is caller-controlled and ends up in pages: accept plain host[:port] (or an IPv6 literal) only.
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    public SandboxRequest {
        query = Map.copyOf(query);
        contentType = contentType == null ? "" : contentType;
        host = host != null && HOST.matcher(host).matches() ? host : "localhost";
    }

    public SandboxRequest(
            String method, String path, Map<String, String> query, String contentType, byte[] body, String remoteIp) {
        this(method, path, query, contentType, body, remoteIp, null);
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
