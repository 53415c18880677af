package io.wegate.client.wechat;

import io.wegate.client.redact.Redactor;
import java.util.Objects;

/** The credentials of one WeChat app: an official account, a website app or a mini program. */
public record WeChatApp(String appId, String secret) {

    public WeChatApp {
        Objects.requireNonNull(appId, "appId must not be null");
        Objects.requireNonNull(secret, "secret must not be null");
        if (appId.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("appId and secret must not be blank");
        }
    }

    /** The app-token cache key: {@code wechat:<appid>}. */
    public String tokenKey() {
        return "wechat:" + appId;
    }

    @Override
    public String toString() {
        return "WeChatApp[appId=" + appId + ", secret=" + Redactor.MASK + "]";
    }
}
