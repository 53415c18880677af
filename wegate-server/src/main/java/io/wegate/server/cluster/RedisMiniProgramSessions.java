package io.wegate.server.cluster;

import io.wegate.server.login.wechat.InMemoryMiniProgramSessions;
import io.wegate.server.login.wechat.MiniProgramSessions;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mini-program session keys in Redis ({@code wegate:mpsession:<login id>}, 3 days), so that the
 * phone call after a login may land on any instance; kept in this instance's memory too, for a
 * Redis outage.
 */
public final class RedisMiniProgramSessions implements MiniProgramSessions {

    private final StringRedisTemplate redis;
    private final String prefix;
    private final JsonMapper json;
    private final RedisAvailability availability;
    private final InMemoryMiniProgramSessions local = new InMemoryMiniProgramSessions();

    public RedisMiniProgramSessions(
            StringRedisTemplate redis, String prefix, JsonMapper json, RedisAvailability availability) {
        this.redis = redis;
        this.prefix = prefix + "mpsession:";
        this.json = json;
        this.availability = availability;
    }

    @Override
    public void put(String sessionId, String appId, String openId, String sessionKey) {
        local.put(sessionId, appId, openId, sessionKey);
        try {
            redis.opsForValue()
                    .set(prefix + sessionId, json.writeValueAsString(new Session(appId, openId, sessionKey)), TTL);
            availability.succeeded();
        } catch (DataAccessException e) {
            availability.failed(e);
        }
    }

    @Override
    public Optional<Session> get(String sessionId) {
        try {
            String v = redis.opsForValue().get(prefix + sessionId);
            availability.succeeded();
            return v == null ? local.get(sessionId) : Optional.of(json.readValue(v, Session.class));
        } catch (DataAccessException e) {
            availability.failed(e);
            return local.get(sessionId);
        }
    }
}
