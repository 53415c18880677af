package io.wegate.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoginProfileTest {

    // leaf first, as JFR gives them
    static final List<String> SIGNING = List.of(
            "com.nimbusds.jose.crypto.ECDSASigner.sign",
            "io.wegate.server.token.JwtTokens.issue",
            "org.springframework.transaction.support.TransactionTemplate.execute",
            "io.wegate.server.account.AccountService.login",
            "org.springframework.web.servlet.FrameworkServlet.doPost",
            "org.apache.catalina.core.ApplicationFilterChain.doFilter",
            "org.apache.coyote.http11.Http11Processor.service");
    static final List<String> INSERT = List.of(
            "org.h2.command.dml.Insert.update",
            "com.zaxxer.hikari.pool.ProxyPreparedStatement.executeUpdate",
            "io.wegate.server.token.RefreshTokens.create",
            "io.wegate.server.token.TokenService.issue",
            "io.wegate.server.account.AccountService.login",
            "org.springframework.web.servlet.FrameworkServlet.doPost",
            "org.apache.coyote.http11.Http11Processor.service");
    static final List<String> UPSTREAM = List.of(
            "org.apache.hc.client5.http.impl.classic.CloseableHttpClient.execute",
            "io.wegate.server.upstream.PooledUpstreamTransport.send",
            "io.wegate.server.login.wecom.WeComLoginService.exchange",
            "org.springframework.web.servlet.FrameworkServlet.doPost",
            "org.apache.coyote.http11.Http11Processor.service");
    static final List<String> OBSERVATION = List.of(
            "io.micrometer.core.instrument.MeterRegistry.timer",
            "org.springframework.web.filter.ServerHttpObservationFilter.doFilterInternal",
            "org.apache.catalina.core.ApplicationFilterChain.doFilter",
            "org.apache.coyote.http11.Http11Processor.service");
    static final List<String> START = List.of(
            "io.wegate.server.login.LoginStates.beginApi",
            "org.springframework.web.servlet.FrameworkServlet.doGet",
            "org.apache.coyote.http11.Http11Processor.service");
    static final List<String> WRITER = List.of("org.h2.mvstore.FileStore.storeIt", "java.lang.Thread.run");

    static double row(Map<String, Double> t, String prefix) {
        return t.entrySet().stream()
                .filter(e -> e.getKey().replace("&nbsp;", "").startsWith(prefix))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    @Test
    void whenStacksOfEachPartThenEachCountedInItsRowsPerThousandLogins() {
        Map<String, Double> t = LoginProfile.perThousandLogins(
                List.of(SIGNING, INSERT, INSERT, UPSTREAM, OBSERVATION, START, WRITER), 500);

        // 7 samples over 500 logins: 14 per 1,000
        assertThat(row(t, "every sample")).isEqualTo(14.0);
        assertThat(row(t, "the login step")).isEqualTo(8.0);
        assertThat(row(t, "the start step")).isEqualTo(2.0);
        assertThat(row(t, "upstream calls")).isEqualTo(2.0);
        assertThat(row(t, "of which the HTTP client")).isEqualTo(2.0);
        assertThat(row(t, "account, login record and tokens")).isEqualTo(6.0);
        assertThat(row(t, "of which the database")).isEqualTo(4.0);
        assertThat(row(t, "of which the ES256")).isEqualTo(2.0);
        assertThat(row(t, "servlet filters")).isEqualTo(2.0);
        assertThat(row(t, "of which http.server.requests")).isEqualTo(2.0);
        assertThat(row(t, "of which Spring Security")).isEqualTo(0.0);
        assertThat(row(t, "other threads")).isEqualTo(2.0);
    }

    @Test
    void whenColumnsThenOneMarkdownRowPerPartWithRoundedFigures() {
        Map<String, Double> a = LoginProfile.perThousandLogins(List.of(SIGNING, INSERT), 1000);
        Map<String, Double> b = LoginProfile.perThousandLogins(List.of(SIGNING), 3000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        LoginProfile.table(
                List.of("before", "after"), List.of(a, b), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("| JFR samples per 1,000 logins | before | after |");
        assertThat(lines).hasSize(2 + LoginProfile.ROWS.size());
        assertThat(lines.get(2)).isEqualTo("| every sample (login step, start step, every thread) | 2 | 0 |");
    }
}
