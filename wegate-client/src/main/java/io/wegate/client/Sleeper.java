package io.wegate.client;

import java.time.Duration;

/** Waits between retries; injected so tests move on without waiting. */
@FunctionalInterface
public interface Sleeper {

    /** The real thing: parks the calling (usually virtual) thread. */
    Sleeper SYSTEM = d -> Thread.sleep(d);

    void sleep(Duration duration) throws InterruptedException;
}
