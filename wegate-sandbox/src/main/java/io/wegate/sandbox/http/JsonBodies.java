package io.wegate.sandbox.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading tooling request bodies, failing with a 400 that says which field is wrong. */
public final class JsonBodies {

    private JsonBodies() {}

    public static ObjectNode object(SandboxRequest request) {
        try {
            return Json.parseObject(request.body());
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("Request " + e.getMessage());
        }
    }

    /** An optional string field; present but not a string is an error. */
    public static String optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw HttpProblem.badRequest("\"" + field + "\" must be a string");
        }
        return value.stringValue();
    }

    public static String requiredText(ObjectNode body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isEmpty()) {
            throw HttpProblem.badRequest("\"" + field + "\" is required");
        }
        return value;
    }

    /** An optional integer field within {@code [min, max]}; {@code null} if absent. */
    public static Long optionalLong(ObjectNode body, String field, long min, long max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw HttpProblem.badRequest("\"" + field + "\" must be an integer");
        }
        long n = value.longValue();
        if (n < min || n > max) {
            throw HttpProblem.badRequest("\"" + field + "\" must be between " + min + " and " + max);
        }
        return n;
    }

    public static long requiredLong(ObjectNode body, String field, long min, long max) {
        Long value = optionalLong(body, field, min, max);
        if (value == null) {
            throw HttpProblem.badRequest("\"" + field + "\" is required");
        }
        return value;
    }

    public static boolean flag(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw HttpProblem.badRequest("\"" + field + "\" must be true or false");
        }
        return value.booleanValue();
    }
}
