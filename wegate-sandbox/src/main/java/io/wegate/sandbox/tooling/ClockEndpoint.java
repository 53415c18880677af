package io.wegate.sandbox.tooling;

import io.wegate.sandbox.SandboxClock;
import io.wegate.sandbox.http.HttpProblem;
import io.wegate.sandbox.http.Json;
import io.wegate.sandbox.http.JsonBodies;
import io.wegate.sandbox.http.SandboxRequest;
import io.wegate.sandbox.http.SandboxResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /sandbox/clock}: reads the sandbox time, or moves it with {@code {"advance_seconds": N}} or {@code {"now":
 * "2026-01-01T00:00:00Z"}}, so expiry can be tested without waiting.
 */
public final class ClockEndpoint {

    public static final String PATH = "/sandbox/clock";

    private final SandboxClock clock;

    public ClockEndpoint(SandboxClock clock) {
        this.clock = clock;
    }

    public SandboxResponse get(SandboxRequest request) {
        return SandboxResponse.json(
                200, Json.object().put("now", clock.instant().toString()));
    }

    public SandboxResponse post(SandboxRequest request) {
        ObjectNode body = JsonBodies.object(request);
        // A year either way is far more than any expiry the sandbox simulates.
        Long seconds = JsonBodies.optionalLong(
                body, "advance_seconds", 0, Duration.ofDays(366).toSeconds());
        String now = JsonBodies.optionalText(body, "now");
        if ((seconds == null) == (now == null)) {
            throw HttpProblem.badRequest(
                    "Give exactly one of \"advance_seconds\" (>= 0) or \"now\" (ISO-8601 instant)");
        }
        if (seconds != null) {
            clock.advance(Duration.ofSeconds(seconds));
        } else {
            clock.set(parseInstant(now));
        }
        return get(request);
    }

    private static Instant parseInstant(String now) {
        try {
            return Instant.parse(now);
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest("\"now\" must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
