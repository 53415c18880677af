package io.wegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.support.GatewayTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The README's command-line login runs as written (only the two base URLs point at this test's ports). */
@GatewayTest
class ReadmeQuickStartTest {

    @LocalServerPort
    int port;

    @Autowired
    Sandbox sandbox;

    /** Runs the first bash block after {@code heading}, pointed at this test's gateway and sandbox. */
    private String run(String heading) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(Pattern.quote(heading) + ".*?```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as("README has a bash block under " + heading).isTrue();
        String script = m.group(1);
        assertThat(script).contains("GW=http://localhost:8080 SB=http://127.0.0.1:8081");
        script = script.replace(
                "GW=http://localhost:8080 SB=http://127.0.0.1:8081",
                "GW=http://localhost:" + port + " SB=" + sandbox.baseUrl());
        Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void readmeWhenMiniProgramBlockRunThenBothMiniProgramLoginsAnswerWithAccounts() throws Exception {
        String out = run("### Every flow by hand");
        assertThat(out)
                .contains("\"display_name\": \"李四\"")
                .contains("\"mobile\": \"+86")
                .contains("\"tenant_id\": \"unionid\"")
                .doesNotContain("\"error\"")
                .doesNotContain("session_key");
    }

    @Test
    void readmeWhenCurlApiFlowRunThenLoginMeRefreshAndJwksAllAnswer() throws Exception {
        String out = run("### The same login from the command line");
        assertThat(out)
                .contains("\"token_type\": \"Bearer\"")
                .contains("\"display_name\": \"张三\"")
                .contains("\"refresh_token\"")
                .contains("\"kty\": \"EC\"")
                .doesNotContain("\"error\"");
    }
}
