package io.wegate.server.architecture.cycle.b;

import io.wegate.server.architecture.cycle.a.A;

/** The other half of the deliberate cycle. */
public final class B {
    public A a() {
        return null;
    }
}
