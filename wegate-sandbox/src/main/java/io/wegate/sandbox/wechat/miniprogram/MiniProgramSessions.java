package io.wegate.sandbox.wechat.miniprogram;

import io.wegate.sandbox.WeChatFixture.User;
import io.wegate.sandbox.wecom.RandomIds;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session_key of each (mini program, user): one at a time, replaced by every successful login (B3.1). The
 * lifetime is unpublished ("3 days" comes from one staff answer only), so the sandbox never expires a session_key;
 * only the next login replaces it. See <a
 * href="https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session">code2Session</a>.
 */
public final class MiniProgramSessions {

    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public MiniProgramSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session_key for the user, invalidating the previous one. */
    public Session open(String appid, User user) {
        Session session =
                new Session(appid, user.key(), user.openidFor(appid), RandomIds.sessionKey(), clock.instant());
        sessions.put(key(appid, user.key()), session);
        return session;
    }

    public Optional<Session> current(String appid, String userKey) {
        return Optional.ofNullable(sessions.get(key(appid, userKey)));
    }

    public Optional<Session> byOpenid(String appid, String openid) {
        return sessions.values().stream()
                .filter(s -> s.appid().equals(appid) && s.openid().equals(openid))
                .findFirst();
    }

    private static String key(String appid, String userKey) {
        return appid + "\n" + userKey;
    }

    /** One login session; {@code sessionKey} is base64 of 16 bytes, the AES key of the user's encrypted data. */
    public record Session(String appid, String userKey, String openid, String sessionKey, Instant issuedAt) {}
}
