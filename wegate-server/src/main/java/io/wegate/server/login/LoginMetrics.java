package io.wegate.server.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code wegate.logins{flow,outcome}}: outcome is {@code success} or the error code. */
@Component
public final class LoginMetrics {

    private final MeterRegistry registry;

    public LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String flow, String outcome) {
        Counter.builder("wegate.logins")
                .description("Logins by flow and outcome")
                .tag("flow", flow)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
