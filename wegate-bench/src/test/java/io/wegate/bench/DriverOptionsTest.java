package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DriverOptionsTest {

    @Test
    void parseWhenNoArgumentsThenDefaults() {
        DriverOptions options = DriverOptions.parse();
        assertThat(options.gateway()).hasToString("http://localhost:8080");
        assertThat(options.sandbox()).hasToString("http://127.0.0.1:8081");
        assertThat(options.logins()).isEqualTo(2000);
        assertThat(options.concurrency()).isEqualTo(50);
        assertThat(options.warmup()).isEqualTo(200);
        assertThat(options.users()).isEmpty();
        assertThat(options.agentId()).isNull();
        assertThat(options.effectiveRedirectUri()).isEqualTo("http://localhost:8080/callback");
    }

    @Test
    void parseWhenOptionsGivenThenUsesThem() {
        DriverOptions options = DriverOptions.parse(
                "--gateway",
                "http://localhost:18080/",
                "--sandbox=http://[::1]:18081",
                "--logins",
                "10",
                "--users",
                "zhangsan, lisi",
                "--agentid",
                "1000002");
        assertThat(options.effectiveRedirectUri()).isEqualTo("http://localhost:18080/callback");
        assertThat(options.users()).containsExactly("zhangsan", "lisi");
        assertThat(options.agentId()).isEqualTo("1000002");
        assertThat(options.logins()).isEqualTo(10);
    }

    @Test
    void parseWhenGatewayIsNotLoopbackThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--gateway", "http://example.com:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing --gateway")
                .hasMessageContaining("only targets this machine");
    }

    @Test
    void parseWhenSandboxIsAPrivateAddressThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--sandbox", "http://10.0.0.5:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing --sandbox");
    }

    @Test
    void parseWhenHelpThenNull() {
        assertThat(DriverOptions.parse("--help")).isNull();
    }

    @Test
    void parseWhenTimeoutAboveTenMinutesThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--timeout-seconds", "601"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
