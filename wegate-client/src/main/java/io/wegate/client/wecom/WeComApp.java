package io.wegate.client.wecom;

import io.wegate.client.redact.Redactor;
import java.util.Objects;

/**
 * The credentials of one WeCom self-built app: the corp, the agent and the agent's secret.
 *
 * <p>Access tokens are per app, so {@link #tokenKey()} names the cache entry.
 */
public record WeComApp(String corpId, String agentId, String secret) {

    public WeComApp {
        Objects.requireNonNull(corpId, "corpId must not be null");
        Objects.requireNonNull(agentId, "agentId must not be null");
        Objects.requireNonNull(secret, "secret must not be null");
        if (corpId.isBlank() || agentId.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("corpId, agentId and secret must not be blank");
        }
    }

    /** The token cache key: {@code wecom:<corpid>:<agentid>}. */
    public String tokenKey() {
        return "wecom:" + corpId + ":" + agentId;
    }

    @Override
    public String toString() {
        return "WeComApp[corpId=" + corpId + ", agentId=" + agentId + ", secret=" + Redactor.MASK + "]";
    }
}
