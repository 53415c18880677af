package io.wegate.server.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API ({@code /api/v1/admin/**}: clients, signing keys, accounts).
 *
 * @param token {@code wegate.admin.token} (or {@code WEGATE_ADMIN_TOKEN}): the Bearer credential of
 *     the admin API, compared in constant time; unset, the admin API is off (every path answers 404)
 */
@ConfigurationProperties("wegate.admin")
public record AdminProperties(String token) {

    public AdminProperties {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.length() < 32) {
            throw new IllegalArgumentException(
                    "wegate.admin.token must be at least 32 characters (e.g. openssl rand -base64 32)");
        }
    }

    public boolean enabled() {
        return token != null;
    }
}
