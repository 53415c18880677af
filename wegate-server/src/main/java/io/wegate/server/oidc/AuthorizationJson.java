package io.wegate.server.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.jackson.SecurityJacksonModules;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of an authorization's attributes and token metadata, as Spring's own JDBC authorization
 * service writes it: Jackson 3 with Spring Security's modules (the authorization server's among
 * them) and their allow-list of types.
 */
final class AuthorizationJson {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JsonMapper mapper = JsonMapper.builder()
            .addModules(SecurityJacksonModules.getModules(AuthorizationJson.class.getClassLoader()))
            .build();

    /** The map as JSON; null for an empty one. */
    String write(Map<String, Object> map) {
        return map == null || map.isEmpty() ? null : mapper.writeValueAsString(plain(map));
    }

    /**
     * The same values in collections the allow-list knows ({@code List.of(...)} in a claim, for
     * one, is an immutable collection Jackson could not make again).
     */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>();
            c.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return value;
    }

    /** A mutable map of the JSON; empty for null. */
    Map<String, Object> read(String json) {
        return json == null || json.isBlank() ? new HashMap<>() : new HashMap<>(mapper.readValue(json, MAP));
    }
}
