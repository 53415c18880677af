package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Round robin over gateway instances, {@code --cross-instance} callbacks and token-lifetime segments; no timing. */
class ClusterRoutingTest {

    @Test
    void instancesWhenOneGatewayThenAlwaysTheFirst() {
        for (int i = 0; i < 5; i++) {
            assertThat(BatchRunner.instances(i, 1, false)).containsExactly(0, 0);
        }
    }

    @Test
    void instancesWhenThreeGatewaysThenRoundRobinWithBothStepsOnOneInstance() {
        assertThat(BatchRunner.instances(0, 3, false)).containsExactly(0, 0);
        assertThat(BatchRunner.instances(1, 3, false)).containsExactly(1, 1);
        assertThat(BatchRunner.instances(2, 3, false)).containsExactly(2, 2);
        assertThat(BatchRunner.instances(3, 3, false)).containsExactly(0, 0);
    }

    @Test
    void instancesWhenCrossInstanceThenLoginStepOnTheNextInstance() {
        assertThat(BatchRunner.instances(0, 3, true)).containsExactly(0, 1);
        assertThat(BatchRunner.instances(1, 3, true)).containsExactly(1, 2);
        assertThat(BatchRunner.instances(2, 3, true)).containsExactly(2, 0);
        assertThat(BatchRunner.instances(4, 2, true)).containsExactly(0, 1);
        assertThat(BatchRunner.instances(5, 2, true)).containsExactly(1, 0);
    }

    @Test
    void onInstanceWhenCallbackOnTheStartInstanceThenMovedToTheLoginInstance() {
        assertThat(BrowserFlow.onInstance(
                        "http://127.0.0.1:18281/login/wecom/callback",
                        "http://127.0.0.1:18281",
                        "http://127.0.0.1:18282"))
                .isEqualTo("http://127.0.0.1:18282/login/wecom/callback");
    }

    @Test
    void onInstanceWhenSameInstanceOrOtherOriginThenUnchanged() {
        assertThat(BrowserFlow.onInstance(
                        "http://127.0.0.1:18281/login/wecom/callback",
                        "http://127.0.0.1:18281",
                        "http://127.0.0.1:18281"))
                .isEqualTo("http://127.0.0.1:18281/login/wecom/callback");
        assertThat(BrowserFlow.onInstance(
                        "http://localhost:8080/login/wecom/callback",
                        "http://127.0.0.1:18281",
                        "http://127.0.0.1:18282"))
                .isEqualTo("http://localhost:8080/login/wecom/callback");
        assertThat(BrowserFlow.onInstance(
                        "http://127.0.0.1:182810/x", "http://127.0.0.1:18281", "http://127.0.0.1:18282"))
                .isEqualTo("http://127.0.0.1:182810/x");
    }

    @Test
    void segmentsWhenLoginsDivideEvenlyThenEqual() {
        assertThat(TokenLifetimes.segments(1500, 3)).containsExactly(500, 500, 500);
    }

    @Test
    void segmentsWhenRemainderThenLargerOnesFirstAndAllLoginsKept() {
        assertThat(TokenLifetimes.segments(10, 3)).containsExactly(4, 3, 3);
        assertThat(TokenLifetimes.segments(3, 3)).containsExactly(1, 1, 1);
    }

    @Test
    void callsPerLifetimeWhenOneFetchPerLifetimeThenOne() {
        TokenLifetimes lifetimes = new TokenLifetimes("/cgi-bin/gettoken", 3, java.util.List.of(1L, 1L, 1L), 7200);
        assertThat(lifetimes.covered()).isEqualTo(3);
        assertThat(lifetimes.calls()).isEqualTo(3);
        assertThat(lifetimes.callsPerLifetimeAverage()).isEqualTo(1.0);
    }

    @Test
    void callsPerLifetimeWhenCutShortThenOverTheLifetimesCovered() {
        TokenLifetimes lifetimes = new TokenLifetimes("/cgi-bin/gettoken", 3, java.util.List.of(3L, 1L), 7200);
        assertThat(lifetimes.covered()).isEqualTo(2);
        assertThat(lifetimes.callsPerLifetimeAverage()).isEqualTo(2.0);
        assertThat(new TokenLifetimes("/cgi-bin/gettoken", 3, java.util.List.of(), 7200).callsPerLifetimeAverage())
                .isNaN();
    }
}
