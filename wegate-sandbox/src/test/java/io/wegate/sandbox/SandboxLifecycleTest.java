package io.wegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SandboxLifecycleTest {

    @Test
    void startWhenPortTakenThenUncheckedIoExceptionNamingThePort() {
        try (Sandbox first = Sandbox.builder().start()) {
            assertThatThrownBy(() -> Sandbox.builder().port(first.port()).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port())
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void startThenBaseUrlHasNoTrailingSlashAndDefaultsApply() {
        try (Sandbox sandbox = Sandbox.builder().start()) {
            assertThat(sandbox.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + sandbox.port());
            assertThat(sandbox.fixture().corpId()).isEqualTo("ww5a1d2e3f4b6c7d80");
            assertThat(sandbox.port()).isPositive();
        }
    }

    @Test
    void addTrustedDomainWhenNotHostAndPortThenRejected() {
        try (Sandbox sandbox = Sandbox.builder().start()) {
            assertThatThrownBy(() -> sandbox.addTrustedDomain("1000002", "http://example.com/"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sandbox.addTrustedDomain("42", "example.com"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void clockWhenFrozenThenMovesOnlyWhenAdvancedOrSetAndCopiesShareTime() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        SandboxClock clock = new SandboxClock(start, ZoneOffset.UTC);
        SandboxClock shanghai = clock.withZone(java.time.ZoneId.of("Asia/Shanghai"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(start.plusSeconds(300));
        assertThat(shanghai.instant()).isEqualTo(start.plusSeconds(300));
        clock.set(start);
        assertThat(shanghai.millis()).isEqualTo(start.toEpochMilli());
    }

    @Test
    void clockWhenDefaultThenFollowsSystemTime() {
        SandboxClock clock = new SandboxClock();

        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }
}
