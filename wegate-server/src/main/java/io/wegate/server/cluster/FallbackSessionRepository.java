package io.wegate.server.cluster;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Browser sessions in Redis, falling back to this instance's memory while Redis is away, like
 * every other Redis store here: a session that cannot be read from Redis is looked up locally, and
 * one that cannot be written to Redis is kept locally (logged in on this instance only) instead of
 * failing the request. When Redis answers again, new sessions go there again.
 */
final class FallbackSessionRepository implements SessionRepository<Session> {

    private final SessionRepository<Session> redis;
    private final MapSessionRepository local;
    private final RedisAvailability availability;

    @SuppressWarnings("unchecked")
    FallbackSessionRepository(
            SessionRepository<? extends Session> redis, Duration maxInactive, RedisAvailability availability) {
        // the Redis repository's session type is private to it; it only ever sees its own sessions
        this.redis = (SessionRepository<Session>) redis;
        this.availability = availability;
        Map<String, Session> memory = Caffeine.newBuilder()
                .expireAfterAccess(maxInactive)
                .maximumSize(200_000)
                .<String, Session>build()
                .asMap();
        this.local = new MapSessionRepository(memory);
        this.local.setDefaultMaxInactiveInterval(maxInactive);
    }

    @Override
    public Session createSession() {
        // no I/O: the session is written on save
        return redis.createSession();
    }

    @Override
    public void save(Session session) {
        if (session instanceof MapSession kept) {
            local.save(kept);
            return;
        }
        try {
            redis.save(session);
            availability.succeeded();
        } catch (DataAccessException e) {
            availability.failed(e);
            local.save(new MapSession(session));
        }
    }

    @Override
    public Session findById(String id) {
        try {
            Session found = redis.findById(id);
            availability.succeeded();
            if (found != null) {
                return found;
            }
        } catch (DataAccessException e) {
            availability.failed(e);
        }
        return local.findById(id);
    }

    @Override
    public void deleteById(String id) {
        local.deleteById(id);
        try {
            redis.deleteById(id);
            availability.succeeded();
        } catch (DataAccessException e) {
            availability.failed(e);
        }
    }
}
