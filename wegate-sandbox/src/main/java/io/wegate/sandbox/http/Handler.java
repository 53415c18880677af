package io.wegate.sandbox.http;

/** Answers one route. Handlers never see malformed requests: the dispatcher has already rejected those. */
@FunctionalInterface
public interface Handler {

    SandboxResponse handle(SandboxRequest request);
}
