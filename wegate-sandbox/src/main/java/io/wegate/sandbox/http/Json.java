package io.wegate.sandbox.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one Jackson mapper of the sandbox, plus small helpers for reading request bodies leniently. */
public final class Json {

    // Keep record components in declaration order so fixture output reads like the input file.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    // Fixture files are hand-written: a misspelt key must fail loudly rather than be ignored, while an omitted
    // number (main_department, parentid) becomes 0, which the fixture records default or validate with a clear message.
    private static final JsonMapper STRICT = MAPPER.rebuild()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static JsonMapper strictMapper() {
        return STRICT;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** Parses a JSON object body; anything else (empty, malformed, an array) is an {@link IllegalArgumentException}. */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body is not valid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** The text of a string field, or {@code null} if absent, JSON null or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
