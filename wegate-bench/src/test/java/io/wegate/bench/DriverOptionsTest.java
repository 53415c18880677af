package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
        assertThat(options.flows()).containsExactly("wecom-api");
        assertThat(options.wechatUsers()).isEmpty();
        assertThat(options.advanceClock()).isTrue();
        assertThat(options.gateways()).extracting(URI::toString).containsExactly("http://localhost:8080");
        assertThat(options.crossInstance()).isFalse();
        assertThat(options.tokenLifetimes()).isEqualTo(3);
    }

    @Test
    void parseWhenSeveralGatewaysThenAllInOrderTrimmed() {
        DriverOptions options = DriverOptions.parse(
                "--gateway",
                " http://127.0.0.1:18281/, http://localhost:18282 ,http://[::1]:18283",
                "--cross-instance");
        assertThat(options.gateways())
                .extracting(URI::toString)
                .containsExactly("http://127.0.0.1:18281", "http://localhost:18282", "http://[::1]:18283");
        assertThat(options.gateway()).hasToString("http://127.0.0.1:18281");
        assertThat(options.effectiveRedirectUri()).isEqualTo("http://127.0.0.1:18281/callback");
        assertThat(options.crossInstance()).isTrue();
    }

    @Test
    void parseWhenSeveralGatewaysWithEqualsSignThenAll() {
        assertThat(DriverOptions.parse("--gateway=http://localhost:18281,http://localhost:18282")
                        .gateways())
                .hasSize(2);
    }

    @Test
    void parseWhenOneOfSeveralGatewaysIsNotLoopbackThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--gateway", "http://localhost:18281,http://10.0.0.5:18282"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Refusing --gateway http://10.0.0.5:18282");
        assertThatThrownBy(() -> DriverOptions.parse("--gateway", "http://localhost:18281,https://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only targets this machine");
    }

    @Test
    void parseWhenGatewayListedTwiceThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--gateway", "http://localhost:18281,http://localhost:18281/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void parseWhenGatewayListEmptyThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--gateway", " , "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--gateway names no URL");
    }

    @Test
    void parseWhenCrossInstanceWithOneGatewayThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--cross-instance"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--cross-instance needs at least two");
        assertThatThrownBy(() -> DriverOptions.parse("--gateway", "http://localhost:18281", "--cross-instance"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseWhenTokenLifetimesGivenThenUsesThem() {
        assertThat(DriverOptions.parse("--token-lifetimes", "0").tokenLifetimes())
                .isZero();
        assertThat(DriverOptions.parse("--token-lifetimes=5").tokenLifetimes()).isEqualTo(5);
        assertThat(DriverOptions.parse("--logins", "4", "--token-lifetimes", "4")
                        .tokenLifetimes())
                .isEqualTo(4);
    }

    @Test
    void parseWhenTokenLifetimesOutOfRangeThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--token-lifetimes", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--token-lifetimes must be between 0 and 100");
        assertThatThrownBy(() -> DriverOptions.parse("--token-lifetimes", "101"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriverOptions.parse("--token-lifetimes", "three"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number");
    }

    @Test
    void parseWhenFewerLoginsThanTokenLifetimesThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--logins", "2", "--token-lifetimes", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one segment of logins per token lifetime");
    }

    @Test
    void usageListsTheClusterOptions() {
        assertThat(DriverOptions.USAGE)
                .contains("--gateway URL[,URL]")
                .contains("--cross-instance")
                .contains("--token-lifetimes N")
                .contains("(default 3)");
    }

    @Test
    void parseWhenFlowAllThenEveryFlowInOrder() {
        assertThat(DriverOptions.parse("--flow", "all").flows())
                .containsExactly(
                        "wecom-api",
                        "wecom-web",
                        "wecom-qr",
                        "wecom-miniprogram",
                        "wechat-mp",
                        "wechat-open",
                        "wechat-miniprogram",
                        "wechat-miniprogram-phone");
        assertThat(DriverOptions.parse("--flow=ALL").flows()).isEqualTo(LoginFlows.NAMES);
    }

    @Test
    void parseWhenOneFlowThenOnlyThatFlow() {
        assertThat(DriverOptions.parse("--flow", "wechat-miniprogram-phone").flows())
                .containsExactly("wechat-miniprogram-phone");
        assertThat(DriverOptions.parse("--flow=wecom-qr").flows()).containsExactly("wecom-qr");
    }

    @Test
    void parseWhenFlowListThenInGivenOrderWithoutRepeats() {
        assertThat(DriverOptions.parse("--flow", " wechat-mp, wecom-api ,wechat-mp")
                        .flows())
                .containsExactly("wechat-mp", "wecom-api");
    }

    @Test
    void parseWhenFlowContenderThenTakenButNotPartOfAll() {
        assertThat(DriverOptions.parse("--flow", "contender").flows()).containsExactly("contender");
        assertThat(DriverOptions.parse("--flow", "all").flows()).doesNotContain("contender");
    }

    @Test
    void parseWhenFlowUnknownThenRefusesListingTheKnownOnes() {
        assertThatThrownBy(() -> DriverOptions.parse("--flow", "wecom-sso"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown flow wecom-sso")
                .hasMessageContaining("wechat-miniprogram-phone");
    }

    @Test
    void parseWhenFlowAllCombinedWithAFlowThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--flow", "all,wecom-api"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--flow all");
    }

    @Test
    void parseWhenFlowEmptyOrMissingThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--flow", " , "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--flow");
        assertThatThrownBy(() -> DriverOptions.parse("--flow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--flow needs a value");
    }

    @Test
    void parseWhenWeChatUsersAndNoAdvanceClockThenUsesThem() {
        DriverOptions options = DriverOptions.parse(
                "--flow", "wechat-miniprogram", "--wechat-users", "xiaoming,amy", "--no-advance-clock");
        assertThat(options.flows()).containsExactly("wechat-miniprogram");
        assertThat(options.wechatUsers()).containsExactly("xiaoming", "amy");
        assertThat(options.users()).isEmpty();
        assertThat(options.advanceClock()).isFalse();
    }

    @Test
    void usageListsEveryFlow() {
        assertThat(DriverOptions.USAGE).contains("--flow NAME").contains(String.join(", ", LoginFlows.NAMES));
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

    @Test
    void parseWhenServerPidRepeatedOrCommaSeparatedThenAllInOrder() {
        assertThat(DriverOptions.parse().serverPids()).isEmpty();
        assertThat(DriverOptions.parse("--server-pid", "4242", "--server-pid=4243,4244")
                        .serverPids())
                .containsExactly(4242L, 4243L, 4244L);
    }

    @Test
    void parseWhenServerPidIsNotAProcessIdThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--server-pid", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--server-pid must be a process id");
        assertThatThrownBy(() -> DriverOptions.parse("--server-pid", "java"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> DriverOptions.parse("--server-pid", "12", "--server-pid", "12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void parseWhenClockTicksGivenThenUsedAndOutOfRangeRefused() {
        assertThat(DriverOptions.parse().clockTicks()).isEqualTo(100);
        assertThat(DriverOptions.parse("--clock-ticks", "250").clockTicks()).isEqualTo(250);
        assertThatThrownBy(() -> DriverOptions.parse("--clock-ticks", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--clock-ticks");
    }

    @Test
    void parseWhenGatewayRepeatedThenAllInOrder() {
        assertThat(DriverOptions.parse("--gateway", "http://localhost:18380", "--gateway", "http://localhost:18381")
                        .gateways())
                .extracting(URI::toString)
                .containsExactly("http://localhost:18380", "http://localhost:18381");
    }

    @Test
    void parseWhenRateThenOpenLoopWithoutTokenLifetimes() {
        DriverOptions options = DriverOptions.parse("--rate", "150", "--logins", "1500");
        assertThat(options.rate()).isEqualTo(150.0);
        assertThat(options.arrivals()).isTrue();
        assertThat(options.burst()).isFalse();
        assertThat(options.tokenLifetimes()).isZero();
        assertThat(DriverOptions.parse().arrivals()).isFalse();
        assertThat(DriverOptions.parse("--rate=0.5", "--logins", "10").rate()).isEqualTo(0.5);
    }

    @Test
    void parseWhenRateIsNotAPositiveNumberThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--rate", "fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rate must be a number");
        assertThatThrownBy(() -> DriverOptions.parse("--rate", "-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rate must be above 0");
        assertThatThrownBy(() -> DriverOptions.parse("--rate", "NaN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriverOptions.parse("--rate", "5001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseWhenOpenLoopWindowLongerThanTwoMinutesThenRefusesBecauseCodesExpire() {
        assertThat(DriverOptions.parse("--rate", "10", "--logins", "1200").logins())
                .isEqualTo(1200);
        assertThatThrownBy(() -> DriverOptions.parse("--rate", "10", "--logins", "1210"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a code lives 5 minutes");
    }

    @Test
    void parseWhenBurstThenItsSizeIsTheMeasuredLogins() {
        DriverOptions options = DriverOptions.parse("--burst", "1000");
        assertThat(options.burst()).isTrue();
        assertThat(options.logins()).isEqualTo(1000);
        assertThat(options.arrivals()).isTrue();
        assertThat(options.tokenLifetimes()).isZero();
        assertThat(DriverOptions.parse("--burst", "5", "--logins", "5").logins())
                .isEqualTo(5);
    }

    @Test
    void parseWhenBurstConflictsThenRefuses() {
        assertThatThrownBy(() -> DriverOptions.parse("--burst", "10", "--logins", "20"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--burst 10 is the number of measured logins");
        assertThatThrownBy(() -> DriverOptions.parse("--burst", "10", "--rate", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> DriverOptions.parse("--burst", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--burst must be between 1 and 10000");
        assertThatThrownBy(() -> DriverOptions.parse("--burst", "10001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriverOptions.parse("--burst", "10", "--token-lifetimes", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--token-lifetimes 0");
    }

    @Test
    void parseWhenInvalidateAfterThenKeptAndBoundedByTheLogins() {
        DriverOptions options = DriverOptions.parse("--burst", "1000", "--invalidate-after", "100");
        assertThat(options.invalidateAfter()).isEqualTo(100);
        assertThat(DriverOptions.parse("--logins", "1000", "--invalidate-after", "100")
                        .tokenLifetimes())
                .isZero();
        assertThat(DriverOptions.parse().invalidateAfter()).isZero();
        assertThatThrownBy(() -> DriverOptions.parse("--logins", "100", "--invalidate-after", "100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than --logins");
        assertThatThrownBy(() -> DriverOptions.parse("--invalidate-after", "-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriverOptions.parse("--invalidate-after", "10", "--token-lifetimes", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--token-lifetimes 0");
    }

    @Test
    void parseWhenFlowDirectThenTakenButNotPartOfAll() {
        assertThat(DriverOptions.parse("--flow", "direct").flows()).containsExactly("direct");
        assertThat(DriverOptions.parse("--flow", "all").flows()).doesNotContain("direct");
    }

    @Test
    void usageListsTheArrivalAndCpuOptions() {
        assertThat(DriverOptions.USAGE)
                .contains("--rate R")
                .contains("95 % of R")
                .contains("--burst N")
                .contains("--invalidate-after N")
                .contains("--server-pid PID")
                .contains("\"direct\"");
    }
}
