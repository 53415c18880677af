package io.wegate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wegate.client.wecom.WeComClient;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import org.junit.jupiter.api.Test;

/**
 * What other modules may depend on: the API packages, never {@code internal}. The tests are patched into the module,
 * so the descriptor read here is the compiled {@code module-info} itself, not a classpath stand-in.
 */
class ModuleDescriptorTest {

    private final Module module = WeComClient.class.getModule();

    @Test
    void moduleWhenTestsRunThenTheyRunInsideTheNamedModule() {
        // If surefire ever fell back to the classpath, this suite would stop testing what users get.
        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("io.wegate.client");
    }

    @Test
    void moduleDescriptorThenExportsExactlyTheApiPackagesToEveryone() {
        ModuleDescriptor descriptor = module.getDescriptor();

        assertThat(descriptor.exports())
                .map(Exports::source)
                .containsExactlyInAnyOrder(
                        "io.wegate.client",
                        "io.wegate.client.callback",
                        "io.wegate.client.redact",
                        "io.wegate.client.token",
                        "io.wegate.client.wechat",
                        "io.wegate.client.wecom");
        assertThat(descriptor.exports()).noneMatch(Exports::isQualified);
    }

    @Test
    void moduleDescriptorThenInternalPackagesStayHiddenAndNothingIsOpened() {
        ModuleDescriptor descriptor = module.getDescriptor();

        assertThat(descriptor.packages()).contains("io.wegate.client.internal.http");
        assertThat(descriptor.exports()).noneMatch(e -> e.source().contains(".internal"));
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.isOpen()).isFalse();
    }
}
