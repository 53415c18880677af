package io.wegate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.client.wechat.WeChatErrcode;
import io.wegate.client.wecom.WeComErrcode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamErrcodeTest {

    static Stream<UpstreamErrcode> everyErrcode() {
        return Stream.concat(Stream.of(WeComErrcode.values()), Stream.of(WeChatErrcode.values()));
    }

    /**
     * The meanings end up in exceptions and logs of applications that use the client without the gateway, where a
     * hint such as "check wegate.wecom.secret" names a setting that does not exist there.
     */
    @ParameterizedTest
    @MethodSource("everyErrcode")
    void meaningWhenReadByAnyApplicationThenNamesNoGatewaySetting(UpstreamErrcode errcode) {
        assertThat(errcode.meaningEn()).isNotBlank().doesNotContainIgnoringCase("wegate");
        assertThat(errcode.meaningZh()).isNotBlank().doesNotContainIgnoringCase("wegate");
    }
}
