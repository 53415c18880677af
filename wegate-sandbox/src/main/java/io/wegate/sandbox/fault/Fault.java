package io.wegate.sandbox.fault;

import io.wegate.sandbox.http.Json;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * One injected fault on one upstream path, active for its next {@code count} calls or, without a count, until the
 * faults are cleared.
 */
public final class Fault {

    /** What the fault does to a call. */
    public enum Type {
        ERRCODE("errcode"),
        HTTP_STATUS("http-status"),
        MALFORMED_JSON("malformed-json"),
        LATENCY("latency"),
        /** Calls wait until released: {@link Hold}. */
        HOLD("hold");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** Whether the fault replaces the endpoint's answer (the others delay or hold a call, then let it through). */
        boolean answers() {
            return this != LATENCY && this != HOLD;
        }
    }

    private static final long UNLIMITED = -1;

    private final long id;
    private final Type type;
    private final String path;
    private final long argument;
    private final String errmsg;
    private final Long count;
    private final AtomicLong remaining;
    private final Hold hold;

    /**
     * @param argument the errcode, HTTP status or delay in milliseconds, depending on {@code type}
     * @param errmsg the English text of an errcode fault, or {@code null} for the usual one
     * @param count how many calls the fault affects, {@code null} for all until cleared
     */
    public Fault(long id, Type type, String path, long argument, String errmsg, Long count) {
        this.id = id;
        this.type = type;
        this.path = path;
        this.argument = argument;
        this.errmsg = errmsg;
        this.count = count;
        this.remaining = new AtomicLong(count == null ? UNLIMITED : count);
        this.hold = type == Type.HOLD ? new Hold() : null;
    }

    public Type type() {
        return type;
    }

    public String path() {
        return path;
    }

    public long argument() {
        return argument;
    }

    public String errmsg() {
        return errmsg;
    }

    /** The held calls of a {@code hold} fault; null for the other types. */
    public Hold hold() {
        return hold;
    }

    /** Claims one call; {@code false} once the count is used up. Safe under concurrent calls. */
    boolean tryConsume() {
        long left;
        do {
            left = remaining.get();
            if (left == UNLIMITED) {
                return true;
            }
            if (left == 0) {
                return false;
            }
        } while (!remaining.compareAndSet(left, left - 1));
        return true;
    }

    boolean exhausted() {
        // a hold stays listed (and clearable) while calls it caught may still be waiting
        return remaining.get() == 0 && (hold == null || hold.released());
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("id", id).put("type", type.value()).put("path", path);
        switch (type) {
            case ERRCODE -> {
                json.put("errcode", argument);
                if (errmsg != null) {
                    json.put("errmsg", errmsg);
                }
            }
            case HTTP_STATUS -> json.put("status", argument);
            case LATENCY -> json.put("millis", argument);
            case HOLD -> json.put("held", hold.held()).put("released", hold.released());
            case MALFORMED_JSON -> {}
        }
        if (count != null) {
            json.put("count", count).put("remaining", remaining.get());
        }
        return json;
    }
}
