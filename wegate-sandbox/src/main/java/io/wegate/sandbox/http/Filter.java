package io.wegate.sandbox.http;

/** Wraps every upstream (simulated WeCom) route: statistics and injected faults are filters. */
@FunctionalInterface
public interface Filter {

    SandboxResponse apply(SandboxRequest request, Handler next);
}
