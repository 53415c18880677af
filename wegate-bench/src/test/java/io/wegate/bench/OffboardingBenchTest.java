package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OffboardingBenchTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void parseWhenOnlyTheAdminTokenIsGivenThenTheIssuesFiguresAreTheDefaults() {
        OffboardingBenchOptions o = OffboardingBenchOptions.parse(NO_ENV, "--admin-token", "t");
        assertThat(o.user()).isEqualTo("lisi");
        assertThat(o.logins()).isEqualTo(1000);
        assertThat(o.relyingParties()).isEqualTo(3);
        assertThat(o.concurrency()).isEqualTo(20);
        assertThat(o.waitSeconds()).isEqualTo(180);
        assertThat(o.events()).isEqualTo(1000);
        assertThat(o.eventAgentId()).isEqualTo("1000003");
        assertThat(o.managementPassword()).isNull();
    }

    @Test
    void parseWhenTheSecretsComeFromTheEnvironmentThenTheyAreUsedAndNeverPrinted() {
        OffboardingBenchOptions o = OffboardingBenchOptions.parse(
                Map.of("WEGATE_ADMIN_TOKEN", "admin-secret", "WEGATE_MANAGEMENT_PASSWORD", "ops-secret"));
        assertThat(o.adminToken()).isEqualTo("admin-secret");
        assertThat(o.managementPassword()).isEqualTo("ops-secret");
        assertThat(o.toString()).doesNotContain("admin-secret").doesNotContain("ops-secret");
    }

    @Test
    void parseWhenAnOptionIsBadThenTheMessageSaysWhich() {
        assertThatThrownBy(() -> OffboardingBenchOptions.parse(NO_ENV)).hasMessageContaining("--admin-token");
        assertThatThrownBy(() -> OffboardingBenchOptions.parse(NO_ENV, "--admin-token", "t", "--events", "3"))
                .hasMessageContaining("--events must be even");
        assertThatThrownBy(() -> OffboardingBenchOptions.parse(NO_ENV, "--admin-token", "t", "--logins", "0"))
                .hasMessageContaining("--logins");
        assertThatThrownBy(() ->
                        OffboardingBenchOptions.parse(NO_ENV, "--admin-token", "t", "--issuer", "http://example.com"))
                .hasMessageContaining("--issuer");
        assertThatThrownBy(() -> OffboardingBenchOptions.parse(NO_ENV, "--admin-token", "t", "--sandbox", "x"))
                .hasMessageContaining("--sandbox");
        assertThatThrownBy(() -> OffboardingBenchOptions.parse(NO_ENV, "--admin-token", "t", "--relying-parties", "a"))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> OffboardingBenchOptions.parse(NO_ENV, "--admin-token"))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> OffboardingBenchOptions.parse(NO_ENV, "--admin-token", "t", "--fast", "1"))
                .hasMessageContaining("unknown option --fast");
    }

    @Test
    void tallyWhenEveryPairIsToldOnceThenNothingIsMissingAndTheLastIsTheMaximum() {
        Set<String> expected = Set.of(
                OffboardingTally.pair(0, "a"),
                OffboardingTally.pair(1, "a"),
                OffboardingTally.pair(0, "b"),
                OffboardingTally.pair(1, "b"));
        OffboardingTally t = OffboardingTally.of(
                expected,
                List.of(arrival(0, "a", 110), arrival(1, "a", 120), arrival(0, "b", 130), arrival(1, "b", 500)),
                100);
        assertThat(t.delivered()).isEqualTo(4);
        assertThat(t.missing()).isZero();
        assertThat(t.duplicates()).isZero();
        assertThat(t.lastNanos()).isEqualTo(400);
        assertThat(t.latency().count()).isEqualTo(4);
        assertThat(t.latency().max()).isEqualTo(400);
        assertThat(t.tokensPerSid()).containsExactly(Map.entry(2, 2));
    }

    @Test
    void tallyWhenATokenArrivesTwiceOrForAnotherLoginThenItIsADuplicateOrUnexpectedAndTheGapIsMissing() {
        Set<String> expected =
                Set.of(OffboardingTally.pair(0, "a"), OffboardingTally.pair(1, "a"), OffboardingTally.pair(0, "b"));
        OffboardingTally t = OffboardingTally.of(
                expected,
                List.of(
                        arrival(0, "a", 10),
                        arrival(0, "a", 900),
                        arrival(0, "b", 20),
                        arrival(1, "zzz", 30),
                        arrival(1, null, 40)),
                0);
        assertThat(t.received()).isEqualTo(5);
        assertThat(t.delivered()).isEqualTo(2);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.unexpected()).isEqualTo(2);
        assertThat(t.missing()).isEqualTo(1);
        // the duplicate's later arrival is not the time the relying party was told
        assertThat(t.lastNanos()).isEqualTo(20);
        assertThat(t.tokensPerSid()).containsExactly(Map.entry(1, 1), Map.entry(2, 1));
    }

    @Test
    void sidWhenTheLogoutTokenIsPostedAsAFormThenItsSidIsRead() {
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"iss\":\"x\",\"sid\":\"login-1\"}".getBytes(StandardCharsets.UTF_8));
        String jwt = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln";
        String token = BackChannelReceivers.logoutToken("foo=1&logout_token=" + WegateBrowser.enc(jwt));
        assertThat(token).isEqualTo(jwt);
        assertThat(BackChannelReceivers.sid(token)).isEqualTo("login-1");
        assertThat(BackChannelReceivers.sid("not-a-jwt")).isNull();
        assertThat(BackChannelReceivers.logoutToken("other=1")).isNull();
    }

    @Test
    void prometheusSumWhenLabelsAreGivenThenOnlyMatchingSamplesOfThatNameCount() {
        String text = """
                # HELP wegate_callback_events_total Callback events
                # TYPE wegate_callback_events_total counter
                wegate_callback_events_total{outcome="ended",type="unsubscribe"} 3.0
                wegate_callback_events_total{outcome="restored",type="subscribe"} 2.0
                wegate_offboarding_latency_seconds{stage="logins_ended",quantile="0.5"} 0.25
                wegate_offboarding_latency_seconds{stage="relying_party_notified",quantile="0.5"} NaN
                wegate_offboarding_latency_seconds_count{stage="logins_ended"} 7
                wegate_offboarding_latency_seconds_max 9
                """;
        assertThat(PrometheusText.sum(text, "wegate_callback_events_total", Map.of()))
                .isEqualTo(5.0);
        assertThat(PrometheusText.sum(text, "wegate_callback_events_total", Map.of("type", "subscribe")))
                .isEqualTo(2.0);
        assertThat(PrometheusText.sum(
                        text, "wegate_offboarding_latency_seconds", Map.of("stage", "logins_ended", "quantile", "0.5")))
                .isEqualTo(0.25);
        assertThat(PrometheusText.sum(
                        text, "wegate_offboarding_latency_seconds", Map.of("stage", "relying_party_notified")))
                .isZero();
        assertThat(PrometheusText.sum(text, "wegate_offboarding_latency_seconds_max", Map.of()))
                .isEqualTo(9.0);
        assertThat(PrometheusText.sum(text, "wegate_missing_total", Map.of())).isZero();
    }

    @Test
    void eventDeliveriesWhenSomeAttemptsFailedThenOnlyTheBatchsDistinctDeliveriesAnswered200Count() {
        var list = JsonMapper.builder().build().readTree("""
                {"deliveries": [
                  {"id": 4, "status": 200, "at": "2026-12-01T10:00:00Z"},
                  {"id": 5, "status": 0, "at": "2026-12-01T10:00:01Z"},
                  {"id": 5, "status": 200, "at": "2026-12-01T10:00:02Z"},
                  {"id": 6, "status": 200, "at": "2026-12-01T10:00:03.500Z"}
                ]}""");
        OffboardingLoadDriver.EventDeliveries d = OffboardingLoadDriver.EventDeliveries.of(list, 4);
        assertThat(d.delivered()).isEqualTo(2);
        assertThat(d.failedAttempts()).isEqualTo(1);
        assertThat(d.spanSeconds()).isEqualTo(2.5);
    }

    private static BackChannelReceivers.Arrival arrival(int receiver, String sid, long nanos) {
        return new BackChannelReceivers.Arrival(receiver, sid, nanos);
    }
}
