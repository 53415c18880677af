package io.wegate.sandbox;

import io.wegate.sandbox.http.Json;
import tools.jackson.core.JacksonException;

/** Reads fixture files, turning Jackson's errors into one readable line. */
final class FixtureJson {

    private FixtureJson() {}

    static SandboxFixture read(byte[] json, String source) {
        try {
            return Json.strictMapper().readValue(json, SandboxFixture.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Invalid fixture " + source + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // Thrown by the records' own validation, which Jackson may or may not wrap depending on where it happened.
            throw new IllegalArgumentException("Invalid fixture " + source + ": " + e.getMessage(), e);
        }
    }
}
