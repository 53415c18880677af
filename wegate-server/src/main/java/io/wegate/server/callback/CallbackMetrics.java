package io.wegate.server.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code wegate.callback.events} (by {@code type} and {@code outcome}: ended, restored, unchanged, stale,
 * unknown_identity, ignored, duplicate, failed) and {@code wegate.callback.refused} (by {@code reason}: signature,
 * receive_id, envelope, ...).
 */
@Component
class CallbackMetrics {

    private final MeterRegistry registry;

    CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void event(String type, String outcome) {
        Counter.builder("wegate.callback.events")
                .description("Callback events received, by type and what processing did")
                .tag("type", type.length() <= 48 ? type : "other")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /**
     * {@code wegate.offboarding.latency{stage=logins_ended}}: from an event's receipt to the end of the logins it
     * ended (the relying parties' notification follows, by back-channel logout).
     */
    void loginsEnded(java.time.Duration sinceReceipt) {
        io.micrometer.core.instrument.Timer.builder("wegate.offboarding.latency")
                .description("From a callback event's receipt to the end of what it ended")
                .tag("stage", "logins_ended")
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(sinceReceipt);
    }

    void refused(String receiver, String reason) {
        Counter.builder("wegate.callback.refused")
                .description("Callback requests refused, by receiver and reason")
                .tag("receiver", receiver)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
