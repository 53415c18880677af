package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OidcBenchTest {

    @Test
    void whenNoOptionsAreGivenThenTheDefaultsDriveWegatesDemoClient() {
        OidcBenchOptions o = OidcBenchOptions.parse();
        assertThat(o.clientId()).isEqualTo("wegate-demo");
        assertThat(o.login()).isEqualTo("wegate");
        assertThat(o.scenarios()).containsExactly("code", "refresh", "introspect", "userinfo");
    }

    @Test
    void whenScenariosAreListedOutOfOrderThenTheyRunInTheOrderTheirTokensNeed() {
        assertThat(OidcBenchOptions.parse("--scenarios", "userinfo,code,userinfo")
                        .scenarios())
                .containsExactly("code", "userinfo");
    }

    @Test
    void whenAnOptionIsBadThenTheMessageSaysWhich() {
        assertThatThrownBy(() -> OidcBenchOptions.parse("--issuer", "http://example.com"))
                .hasMessageContaining("--issuer");
        assertThatThrownBy(() -> OidcBenchOptions.parse("--login", "saml")).hasMessageContaining("--login");
        assertThatThrownBy(() -> OidcBenchOptions.parse("--ops", "0")).hasMessageContaining("--ops");
        assertThatThrownBy(() -> OidcBenchOptions.parse("--scenarios", "password"))
                .hasMessageContaining("password");
        assertThatThrownBy(() -> OidcBenchOptions.parse("--ops")).hasMessageContaining("needs a value");
    }

    @Test
    void whenTheVerifierIsTheRfc7636ExampleThenTheChallengeIsTheRfcsOne() {
        assertThat(WegateBrowser.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void whenResultLinesAreReportedThenRatiosAndSpreadsFollowFromThem() {
        List<OidcBenchReport.Row> rows = OidcBenchReport.parse(List.of(
                "RESULT repeat=1 contender=wegate-h2 scenario=refresh ops=10 ops_per_s=600.0 p50_ms=1.00 p90_ms=2"
                        + " p99_ms=3.00 max_ms=4 errors=0",
                "RESULT repeat=1 contender=sas-memory scenario=refresh ops=10 ops_per_s=400.0 p50_ms=1.00 p90_ms=2"
                        + " p99_ms=3.00 max_ms=4 errors=2 first_error=400 {\"error\": \"invalid_grant\"}",
                "RESULT repeat=2 contender=wegate-h2 scenario=refresh ops=10 ops_per_s=500.0 p50_ms=1.00 p90_ms=2"
                        + " p99_ms=3.00 max_ms=4 errors=0",
                "RESULT repeat=2 contender=sas-memory scenario=refresh ops=10 ops_per_s=500.0 p50_ms=1.00 p90_ms=2"
                        + " p99_ms=3.00 max_ms=4 errors=0",
                "noise"));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).errors()).isEqualTo(2);
        assertThat(OidcBenchReport.ratios(rows, "refresh", "wegate-h2", "sas-memory"))
                .containsExactly(1.5, 1.0);
        assertThat(OidcBenchReport.spread(List.of(600.0, 500.0)))
                .isCloseTo(1.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(OidcBenchReport.markdown(rows, "test"))
                .contains("| refresh | wegate-h2 | 600 / 500 | 17 % |")
                .contains("| refresh | wegate-h2 ÷ sas-memory | 1.50× / 1.00× |");
    }
}
