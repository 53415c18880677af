package io.wegate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One log event, one line: what a request puts into a message or an exception message cannot add lines. */
class LogLinesTest {

    static Stream<Arguments> unsafeText() {
        return Stream.of(
                Arguments.of("CR LF", "code=a\r\n2026-01-01 INFO forged", "code=a\\r\\n2026-01-01 INFO forged"),
                Arguments.of("LF", "a\nb", "a\\nb"),
                Arguments.of("tab", "a\tb", "a\\tb"),
                Arguments.of("NUL", "a\u0000b", "a\\u0000b"),
                Arguments.of("terminal escape", "a\u001b[31mred", "a\\u001b[31mred"),
                Arguments.of("DEL", "a\u007fb", "a\\u007fb"),
                Arguments.of("next line (C1)", "a\u0085b", "a\\u0085b"),
                Arguments.of("line separator", "a\u2028b", "a\\u2028b"),
                Arguments.of("paragraph separator", "a\u2029b", "a\\u2029b"),
                Arguments.of("right-to-left override", "a\u202eb", "a\\u202eb"),
                Arguments.of("right-to-left isolate", "a\u2067b", "a\\u2067b"),
                Arguments.of("Chinese untouched", "登录失败 / Login failed", "登录失败 / Login failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeText")
    void neutraliseWhenTextCarriesControlCharactersThenEscaped(String name, String input, String expected) {
        assertThat(LogLines.neutralise(input)).isEqualTo(expected);
    }

    @Test
    void neutraliseWhenNothingToEscapeThenSameInstance() {
        String plain = "GET /login/wecom/callback refused: invalid_request";
        assertThat(LogLines.neutralise(plain)).isSameAs(plain);
        assertThat(LogLines.neutralise(null)).isNull();
    }

    @Test
    void safeWhenEscapedLineBreakInsideCodeThenWholeValueRedacted() {
        assertThat(LogLines.safe("callback?code=SECRET\r\nFORGED&state=x"))
                .isEqualTo("callback?code=[REDACTED]&state=[REDACTED]");
    }

    @Test
    void layoutWhenMessageAndExceptionCarryLineBreaksThenOnlyTheTraceHasLines() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("m", RedactingMessageConverter::new);
        layout.getInstanceConverterMap().put("xEx", RedactingThrowableConverter::new);
        layout.setPattern("%m%n%xEx");
        layout.start();
        IllegalStateException cause = new IllegalStateException("Parameter [code] with value [SECRET\nFORGED cause]");
        IllegalArgumentException thrown = new IllegalArgumentException("bad\r\nFORGED message", cause);
        thrown.addSuppressed(new RuntimeException("suppressed\nFORGED suppressed"));
        LoggingEvent event = new LoggingEvent(
                LogLinesTest.class.getName(),
                context.getLogger("test"),
                Level.WARN,
                "refused {}",
                thrown,
                new Object[] {"x\r\nFORGED argument"});

        String out = layout.doLayout(event);

        assertThat(out.lines().toList()).first().isEqualTo("refused x\\r\\nFORGED argument");
        assertThat(out.lines()).noneMatch(line -> line.startsWith("FORGED"));
        assertThat(out)
                .contains("java.lang.IllegalArgumentException: bad\\r\\nFORGED message")
                .contains("Caused by: java.lang.IllegalStateException: Parameter [code] with value [REDACTED]")
                .contains("Suppressed: java.lang.RuntimeException: suppressed\\nFORGED suppressed")
                .doesNotContain("SECRET");
        assertThat(out.lines().skip(1))
                .allMatch(line -> line.startsWith("java.lang.IllegalArgumentException")
                        || line.startsWith("\t")
                        || line.startsWith("Caused by: "));
    }
}
