package io.wegate.server.login;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wegate.server.error.ApiException;
import io.wegate.server.error.UpstreamErrors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** {@code wegate.logins{flow,outcome}}: outcome is {@code success} or the error code. */
@Component
public final class LoginMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records a failed login under the error code the caller saw. */
    public void failure(String flow, RuntimeException e) {
        ApiException api = e instanceof ApiException a ? a : UpstreamErrors.toApiException(e);
        record(flow, api.error().code());
    }

    public void record(String flow, String outcome) {
        counters.computeIfAbsent(
                        flow + ' ' + outcome,
                        k -> Counter.builder("wegate.logins")
                                .description("Logins by flow and outcome")
                                .tag("flow", flow)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }
}
