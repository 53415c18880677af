package io.wegate.server.login.wechat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Mini-program session keys, by login (token family), so that {@code encryptedData} sent after the
 * login can be decrypted; the key itself never leaves the server. WeChat does not publish how long
 * a key lives (a staff answer says 3 days) and a newer {@code wx.login} replaces it, so entries
 * expire after 3 days and decryption failures tell the front end to log in again.
 */
@Component
public final class MiniProgramSessions {

    /** A session key and whose it is. */
    public record Session(String appId, String openId, String sessionKey) {
        @Override
        public String toString() {
            return "Session[appId=" + appId + ", openId=" + openId + ", sessionKey=[REDACTED]]";
        }
    }

    private final Cache<String, Session> sessions = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(3))
            .maximumSize(1_000_000)
            .build();

    public void put(String sessionId, String appId, String openId, String sessionKey) {
        sessions.put(sessionId, new Session(appId, openId, sessionKey));
    }

    public Optional<Session> get(String sessionId) {
        return Optional.ofNullable(sessions.getIfPresent(sessionId));
    }
}
