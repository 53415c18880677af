package io.wegate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SandboxMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SandboxMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void mainWhenHelpThenPrintsUsageAndExitsZeroWithoutStarting() {
        int status = run("--help");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage:", "--port", "--bind", "--fixture", "--gettoken-daily-quota");
    }

    @Test
    void mainWhenArgumentUnknownOrInvalidThenUsageErrorStatus() {
        assertThat(run("--colour")).isEqualTo(2);
        assertThat(run("--port", "eighty")).isEqualTo(2);
        assertThat(run("--port")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown argument: --colour", "--port must be");
    }

    @Test
    void optionsWhenGivenInBothFormsThenParsed() {
        MainOptions options =
                MainOptions.parse(new String[] {"--port=0", "--bind", "0.0.0.0", "--gettoken-daily-quota", "5"});

        assertThat(options.port()).isZero();
        assertThat(options.bind()).isEqualTo("0.0.0.0");
        assertThat(options.gettokenDailyQuota()).isEqualTo(5);
        assertThat(options.help()).isFalse();
    }

    @Test
    void bannerThenShowsBaseUrlCorpidAndEveryAppsCredentials() {
        try (Sandbox sandbox = SandboxMain.start(MainOptions.parse(new String[] {"--port", "0"}))) {
            SandboxMain.printBanner(sandbox, new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains(sandbox.baseUrl().toString(), "corpid=ww5a1d2e3f4b6c7d80")
                    .contains(
                            "agentid=1000002",
                            "secret="
                                    + sandbox.fixture()
                                            .app("1000002")
                                            .orElseThrow()
                                            .secret())
                    .contains("agentid=1000003");
        }
    }
}
