package io.wegate.sandbox.fault;

import io.wegate.sandbox.fault.Fault.Type;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The active faults, in the order they were added; the oldest matching answer fault wins. */
public final class FaultRegistry {

    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public long nextId() {
        return ids.incrementAndGet();
    }

    public void add(Fault fault) {
        faults.add(fault);
    }

    public List<Fault> list() {
        return List.copyOf(faults);
    }

    /** Removes every fault; calls held by a {@code hold} fault go on. */
    public void clear() {
        for (Fault fault : faults) {
            if (fault.hold() != null) {
                fault.hold().release();
            }
        }
        faults.clear();
    }

    /** The total delay of the latency faults on {@code path}, consuming one call of each. */
    long latencyMillis(String path) {
        long total = 0;
        for (Fault fault : faults) {
            if (fault.type() == Type.LATENCY && fault.path().equals(path) && fault.tryConsume()) {
                total += fault.argument();
            }
        }
        removeExhausted();
        return total;
    }

    /** The holds on {@code path} that catch this call, consuming one call of each. */
    List<Hold> holdsFor(String path) {
        List<Hold> holds = new java.util.ArrayList<>();
        for (Fault fault : faults) {
            if (fault.type() == Type.HOLD && fault.path().equals(path) && fault.tryConsume()) {
                holds.add(fault.hold());
            }
        }
        return holds;
    }

    /** The first errcode, http-status or malformed-json fault on {@code path} that still has calls left. */
    Optional<Fault> answerFor(String path) {
        Optional<Fault> found = Optional.empty();
        for (Fault fault : faults) {
            if (fault.type().answers() && fault.path().equals(path) && fault.tryConsume()) {
                found = Optional.of(fault);
                break;
            }
        }
        removeExhausted();
        return found;
    }

    private void removeExhausted() {
        faults.removeIf(Fault::exhausted);
    }
}
