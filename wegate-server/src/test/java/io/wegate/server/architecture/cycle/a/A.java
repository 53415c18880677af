package io.wegate.server.architecture.cycle.a;

import io.wegate.server.architecture.cycle.b.B;

/** Half of a deliberate package cycle that {@code PackageCycleTest} must detect. */
public final class A {
    public B b() {
        return new B();
    }
}
