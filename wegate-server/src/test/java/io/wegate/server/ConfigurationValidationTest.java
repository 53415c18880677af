package io.wegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Bad configuration stops the start with a message that says what to set. */
class ConfigurationValidationTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new String[] {"--wegate.wecom.corp-id=ww5a1d2e3f4b6c7d80"}, "wegate.wecom.agent-id"),
                Arguments.of(
                        new String[] {"--wegate.wecom.corp-id=ww5a1d2e3f4b6c7d80", "--wegate.wecom.agent-id=1000002"},
                        "WEGATE_WECOM_SECRET"),
                Arguments.of(
                        new String[] {
                            "--wegate.wecom.corp-id=ww5a1d2e3f4b6c7d80",
                            "--wegate.wecom.agent-id=abc",
                            "--wegate.wecom.secret=x"
                        },
                        "numeric AgentId"),
                Arguments.of(new String[] {"--wegate.wecom.scope=snsapi_userinfo"}, "snsapi_privateinfo"),
                Arguments.of(new String[] {"--wegate.wecom.api-base-url=ftp://x"}, "wegate.wecom.api-base-url"),
                Arguments.of(new String[] {"--wegate.login.allowed-return-to=/relative"}, "absolute http(s) URLs"),
                Arguments.of(new String[] {"--wegate.upstream.max-retries=7"}, "at most 3"),
                // the provider is applied on a thread of its own while the start goes on: a bad value still stops it
                Arguments.of(new String[] {"--wegate.crypto.provider=bouncy"}, "wegate.crypto.provider must be auto"),
                Arguments.of(
                        new String[] {"--wegate.management.password={md42}x"},
                        "wegate.management.password starts with an unknown {id}"),
                Arguments.of(new String[] {"--wegate.management.username=a:b"}, "wegate.management.username"),
                Arguments.of(
                        new String[] {"--wegate.wecom.link-policy=by-name"},
                        "create, verified-mobile or existing-only"),
                Arguments.of(new String[] {"--wegate.wecom.qr-login-style=iframe"}, "sso-login or qr-connect"),
                // callbacks: the console's two values, both or neither, in their console form
                Arguments.of(
                        new String[] {"--wegate.wecom.callback.token=Tk7sim2025wecom"},
                        "wegate.wecom.callback: set both token and encoding-aes-key"),
                Arguments.of(
                        new String[] {
                            "--wegate.wecom.callback.token=Tk7sim2025wecom",
                            "--wegate.wecom.callback.encoding-aes-key=tooShort"
                        },
                        "wegate.wecom.callback: the EncodingAESKey must be 43 letters and digits"),
                Arguments.of(
                        new String[] {
                            "--wegate.wecom.contact-sync.token=tok-en!",
                            "--wegate.wecom.contact-sync.encoding-aes-key=SimulatorTestVectorKey0123456789abcdefghijk"
                        },
                        "wegate.wecom.contact-sync: the callback token must be 1 to 32 letters or digits"),
                Arguments.of(
                        new String[] {"--wegate.wecom.offboarding=delete-everything"},
                        "wegate.wecom.offboarding must be end-logins or disable-account"),
                Arguments.of(new String[] {"--wegate.reconciliation.interval=10s"}, "at least 1 minute"),
                Arguments.of(
                        new String[] {
                            "--wegate.wechat.apps[0].id=mp",
                            "--wegate.wechat.apps[0].kind=channels",
                            "--wegate.wechat.apps[0].app-id=wx0123456789abcdef",
                            "--wegate.wechat.apps[0].secret=s"
                        },
                        "official-account, website or miniprogram"),
                Arguments.of(
                        new String[] {
                            "--wegate.wechat.apps[0].id=mp",
                            "--wegate.wechat.apps[0].kind=official-account",
                            "--wegate.wechat.apps[0].app-id=ww123",
                            "--wegate.wechat.apps[0].secret=s"
                        },
                        "wx + 16 hex digits"),
                Arguments.of(
                        new String[] {
                            "--wegate.wechat.apps[0].id=mp",
                            "--wegate.wechat.apps[0].kind=official-account",
                            "--wegate.wechat.apps[0].app-id=wx0123456789abcdef",
                            "--wegate.wechat.apps[0].secret=s",
                            "--wegate.wechat.apps[0].scope=snsapi_login"
                        },
                        "snsapi_base or snsapi_userinfo"),
                // a partial default WeCom app is an operator's mistake, never a reason for sandbox mode
                Arguments.of(new String[] {"--wegate.wecom.secret=s"}, "wegate.wecom.corp-id (WEGATE_WECOM_CORP_ID)"),
                Arguments.of(
                        new String[] {
                            "--wegate.wecom.corp-id=ww5a1d2e3f4b6c7d80",
                            "--wegate.wechat.apps[0].id=mini",
                            "--wegate.wechat.apps[0].kind=miniprogram",
                            "--wegate.wechat.apps[0].app-id=wx0123456789abcdef",
                            "--wegate.wechat.apps[0].secret=s"
                        },
                        "wegate.wecom.secret (WEGATE_WECOM_SECRET)"),
                Arguments.of(
                        new String[] {
                            "--wegate.wecom.apps[0].id=attendance",
                            "--wegate.wecom.apps[0].agent-id=1000003",
                            "--wegate.wecom.apps[0].secret=s"
                        },
                        "the default WeCom app is not: also set wegate.wecom.corp-id"),
                // forcing the sandbox beside real apps would hand logins to the demo apps
                Arguments.of(
                        new String[] {
                            "--wegate.sandbox.enabled=true",
                            "--wegate.wechat.apps[0].id=mp",
                            "--wegate.wechat.apps[0].kind=official-account",
                            "--wegate.wechat.apps[0].app-id=wx0123456789abcdef",
                            "--wegate.wechat.apps[0].secret=s"
                        },
                        "wegate.sandbox.enabled=true, but upstream apps are configured (wegate.wechat.apps[0] (mp))"),
                Arguments.of(
                        new String[] {"--wegate.sandbox.enabled=false"},
                        "wegate.sandbox.enabled=false but no apps are configured"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void startWhenConfigurationInvalidThenFailsNamingTheProperty(String[] args, String expected) {
        String[] all = Stream.concat(
                        Stream.of(
                                "--server.port=0",
                                "--wegate.sandbox.port=0",
                                "--spring.datasource.url=jdbc:h2:mem:config-" + System.nanoTime()),
                        Stream.of(args))
                .toArray(String[]::new);
        assertThatThrownBy(() -> new SpringApplicationBuilder(WegateApplication.class)
                        .run(all)
                        .close())
                .satisfies(e -> assertThat(rootMessages(e)).contains(expected));
    }

    private static String rootMessages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
