package io.wegate.server.cluster;

import io.wegate.server.login.InMemoryLoginStateStore;
import io.wegate.server.login.LoginState;
import io.wegate.server.login.LoginStateStore;
import java.time.Duration;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Login states in Redis, so that a login started on one instance finishes on another: {@code SET}
 * with the state's TTL, consumed once with {@code GETDEL}. Each state is also kept in the memory of
 * the instance that issued it, so that during a Redis outage a login still finishes where it
 * started; a state consumed there is deleted from Redis too (best effort while Redis is away).
 */
public final class RedisLoginStateStore implements LoginStateStore {

    private final StringRedisTemplate redis;
    private final String prefix;
    private final JsonMapper json;
    private final RedisAvailability availability;
    private final InMemoryLoginStateStore local;

    public RedisLoginStateStore(
            StringRedisTemplate redis,
            String prefix,
            JsonMapper json,
            RedisAvailability availability,
            InMemoryLoginStateStore local) {
        this.redis = redis;
        this.prefix = prefix;
        this.json = json;
        this.availability = availability;
        this.local = local;
    }

    @Override
    public void save(String state, LoginState value, Duration ttl) {
        local.save(state, value, ttl);
        try {
            redis.opsForValue().set(prefix + "state:" + state, json.writeValueAsString(value), ttl);
            availability.succeeded();
        } catch (DataAccessException e) {
            availability.failed(e);
        }
    }

    @Override
    public Optional<LoginState> consume(String state) {
        Optional<LoginState> mine = local.consume(state);
        if (mine.isPresent()) {
            try {
                redis.delete(prefix + "state:" + state);
                availability.succeeded();
            } catch (DataAccessException e) {
                availability.failed(e);
            }
            return mine;
        }
        try {
            String v = redis.opsForValue().getAndDelete(prefix + "state:" + state);
            availability.succeeded();
            return v == null ? Optional.empty() : Optional.of(json.readValue(v, LoginState.class));
        } catch (DataAccessException e) {
            availability.failed(e);
            return Optional.empty();
        }
    }
}
