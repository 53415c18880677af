package io.wegate.server.token;

import java.util.Objects;

/**
 * How a person authenticated: the upstream ({@code wecom} or {@code wechat}), the flow (e.g.
 * {@code wecom-qr}, {@code wechat-miniprogram}) and the configured app it went through.
 */
public record LoginMethod(String upstream, String flow, String appId) {

    public LoginMethod {
        Objects.requireNonNull(upstream, "upstream must not be null");
        Objects.requireNonNull(flow, "flow must not be null");
        Objects.requireNonNull(appId, "appId must not be null");
    }
}
