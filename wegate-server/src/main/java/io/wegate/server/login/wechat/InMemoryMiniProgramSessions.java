package io.wegate.server.login.wechat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/** {@link MiniProgramSessions} in this instance's memory, bounded in size and age. */
public final class InMemoryMiniProgramSessions implements MiniProgramSessions {

    private final Cache<String, Session> sessions =
            Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1_000_000).build();

    @Override
    public void put(String sessionId, String appId, String openId, String sessionKey) {
        sessions.put(sessionId, new Session(appId, openId, sessionKey));
    }

    @Override
    public Optional<Session> get(String sessionId) {
        return Optional.ofNullable(sessions.getIfPresent(sessionId));
    }
}
