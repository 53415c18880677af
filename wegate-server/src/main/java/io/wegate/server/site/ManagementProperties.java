package io.wegate.server.site;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the operator endpoints ({@code wegate.management.*}): health details, {@code /actuator/info},
 * {@code /actuator/prometheus}, {@code /actuator/upstreamquota}, with HTTP Basic.
 *
 * @param username the operator's name; {@code operator} unless set
 * @param password {@code {bcrypt}$2a$...} (or any id Spring Security's {@code PasswordEncoderFactories} knows),
 *     {@code {noop}secret}, or a plain value (compared like {@code {noop}}); unset, the operator endpoints answer
 *     401 and health shows its status only
 */
@ConfigurationProperties("wegate.management")
public record ManagementProperties(String username, String password) {

    public ManagementProperties {
        username = username == null || username.isBlank() ? "operator" : username.strip();
        password = password == null || password.isEmpty() ? null : password;
        if (username.contains(":")) {
            // HTTP Basic splits at the first colon
            throw new IllegalArgumentException("wegate.management.username must not contain ':'");
        }
    }

    public boolean passwordSet() {
        return password != null;
    }

    @Override
    public String toString() {
        // the record's own toString would print the password
        return "ManagementProperties[username=" + username + ", password=" + (password == null ? "unset" : "***") + "]";
    }
}
