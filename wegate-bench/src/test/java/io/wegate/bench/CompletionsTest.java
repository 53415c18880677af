package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompletionsTest {

    @Test
    void completedWhenTheNthLoginCompletesThenTheActionRunsOnceThen() {
        AtomicInteger runs = new AtomicInteger();
        Completions completions = new Completions(3, runs::incrementAndGet);
        completions.completed();
        completions.completed();
        assertThat(runs).hasValue(0);
        assertThat(completions.acted()).isFalse();
        completions.completed();
        assertThat(runs).hasValue(1);
        assertThat(completions.acted()).isTrue();
        completions.completed();
        completions.completed();
        assertThat(runs).hasValue(1);
        assertThat(completions.count()).isEqualTo(5);
    }

    @Test
    void completedWhenTheActionFailsThenTheFailureIsKeptNotThrown() {
        Completions completions = new Completions(1, () -> {
            throw new IllegalStateException("POST /sandbox/faults answered 500");
        });
        completions.completed();
        assertThat(completions.acted()).isTrue();
        assertThat(completions.failure()).isEqualTo("POST /sandbox/faults answered 500");
    }

    @Test
    void noneWhenLoginsCompleteThenNeverActs() {
        Completions none = Completions.none();
        for (int i = 0; i < 10; i++) {
            none.completed();
        }
        assertThat(none.acted()).isFalse();
        assertThat(none.after()).isZero();
    }
}
