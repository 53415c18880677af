package io.wegate.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** How client secrets are stored and checked: {sha256} for wegate's own, Spring's formats for configured ones. */
class ClientSecretsTest {

    private final ClientSecrets.Encoder encoder = ClientSecrets.encoder();

    @Test
    void whenGeneratedThen256RandomBitsStoredAsTheirSha256() {
        String a = ClientSecrets.generate();
        String b = ClientSecrets.generate();
        assertThat(a).hasSize(43).isNotEqualTo(b).matches("[A-Za-z0-9_-]+");
        String stored = ClientSecrets.hash(a);
        assertThat(stored).startsWith("{sha256}").doesNotContain(a);
        assertThat(encoder.matches(a, stored)).isTrue();
        assertThat(encoder.matches(b, stored)).isFalse();
        assertThat(encoder.matches("", stored)).isFalse();
        // never "upgraded" to bcrypt by the authorization server at first use
        assertThat(encoder.upgradeEncoding(stored)).isFalse();
    }

    @Test
    void whenConfiguredThenBcryptStaysNoopAndPlainAreHashedAndUnknownIdsAreRefused() {
        String bcrypt =
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("configured");
        assertThat(ClientSecrets.stored(bcrypt)).isEqualTo(bcrypt);
        assertThat(encoder.matches("configured", ClientSecrets.stored(bcrypt))).isTrue();
        assertThat(encoder.matches("Configured", ClientSecrets.stored(bcrypt))).isFalse();
        assertThat(ClientSecrets.stored("{noop}configured")).isEqualTo(ClientSecrets.hash("configured"));
        assertThat(ClientSecrets.stored("configured")).isEqualTo(ClientSecrets.hash("configured"));
        assertThat(encoder.matches("configured", "{noop}configured")).isTrue();
        assertThat(encoder.matches("configure", "{noop}configured")).isFalse();
        assertThatThrownBy(() -> ClientSecrets.stored("{rot13}pbasvtherq"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown {id}")
                .hasMessageNotContaining("pbasvtherq");
    }
}
