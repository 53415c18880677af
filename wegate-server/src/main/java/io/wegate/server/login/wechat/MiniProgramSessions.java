package io.wegate.server.login.wechat;

import java.time.Duration;
import java.util.Optional;

/**
 * Mini-program session keys, by login (token family), so that {@code encryptedData} sent after the
 * login can be decrypted; the key itself never leaves the server. WeChat does not publish how long
 * a key lives (a staff answer says 3 days) and a newer {@code wx.login} replaces it, so entries
 * expire after {@link #TTL} and decryption failures tell the front end to log in again.
 */
public interface MiniProgramSessions {

    Duration TTL = Duration.ofDays(3);

    /** A session key and whose it is. */
    record Session(String appId, String openId, String sessionKey) {
        @Override
        public String toString() {
            return "Session[appId=" + appId + ", openId=" + openId + ", sessionKey=[REDACTED]]";
        }
    }

    void put(String sessionId, String appId, String openId, String sessionKey);

    Optional<Session> get(String sessionId);
}
