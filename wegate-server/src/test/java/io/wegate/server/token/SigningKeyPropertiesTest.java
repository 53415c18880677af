package io.wegate.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lifecycle settings that would let a token outlive its key, or an instance miss a key, stop the start. */
class SigningKeyPropertiesTest {

    private static final TokenProperties TOKENS = new TokenProperties(null, null, Duration.ofMinutes(15), null);

    @Test
    void defaultsWhenNothingSetThenOneHourPrePublicationMinuteRefreshAndOverlapAboveTheLongestToken() {
        SigningKeyProperties p = new SigningKeyProperties(null, null, null, null, null);
        assertThat(p.keyPrePublication()).isEqualTo(Duration.ofHours(1));
        assertThat(p.keyRefreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.keyRotationInterval()).isNull();
        // ID tokens live 30 minutes, longer than the default access tokens
        assertThat(p.overlap(TOKENS)).isEqualTo(Duration.ofMinutes(90));
        assertThat(p.overlap(new TokenProperties(null, null, Duration.ofHours(2), null)))
                .isEqualTo(Duration.ofHours(3));
    }

    @Test
    void prePublicationWhenShorterThanTheRefreshIntervalThenStartFails() {
        assertThatThrownBy(
                        () -> new SigningKeyProperties(Duration.ofSeconds(30), null, null, Duration.ofMinutes(1), null))
                .hasMessageContaining("key-pre-publication")
                .hasMessageContaining("key-refresh-interval");
    }

    @Test
    void overlapWhenShorterThanTheLongestTokenThenStartFails() {
        SigningKeyProperties p = new SigningKeyProperties(null, Duration.ofMinutes(20), null, null, null);
        assertThatThrownBy(() -> p.overlap(TOKENS))
                .hasMessageContaining("key-overlap")
                .hasMessageContaining("30-minute ID tokens");
        SigningKeyProperties q = new SigningKeyProperties(null, Duration.ofHours(1), null, null, null);
        assertThatThrownBy(() -> q.overlap(new TokenProperties(null, null, Duration.ofHours(2), null)))
                .hasMessageContaining("access-token-ttl");
        assertThat(q.overlap(TOKENS)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rotationIntervalWhenShorterThanPrePublicationThenStartFails() {
        assertThatThrownBy(() -> new SigningKeyProperties(null, null, Duration.ofMinutes(30), null, null))
                .hasMessageContaining("key-rotation-interval");
        assertThat(new SigningKeyProperties(null, null, Duration.ofDays(30), null, null).keyRotationInterval())
                .isEqualTo(Duration.ofDays(30));
    }

    @Test
    void toStringWhenKekSetThenItIsNotShown() {
        String kek = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(new SigningKeyProperties(null, null, null, null, kek).toString())
                .doesNotContain(kek)
                .contains("[set]");
    }
}
