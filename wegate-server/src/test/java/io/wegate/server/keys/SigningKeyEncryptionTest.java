package io.wegate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wegate.sandbox.Sandbox;
import io.wegate.server.WegateApplication;
import io.wegate.server.support.Gateway;
import io.wegate.server.support.Http;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Private keys at rest: clear rows of an installation without a key-encryption key are encrypted
 * when one is configured, a restart with the same key signs and verifies with the same keys, and a
 * wrong or missing key stops the start with a message that says what to do (never a new key).
 */
class SigningKeyEncryptionTest {

    @TempDir
    Path dataDir;

    private static String newKek() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private ConfigurableApplicationContext start(String kek) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--wegate.sandbox.port=0",
                "--wegate.data-dir=" + dataDir,
                "--wegate.token.issuer=https://wegate.test",
                "--wegate.management.password=" + Gateway.OPERATOR_PASSWORD,
                "--logging.level.root=WARN"));
        if (kek != null) {
            args.add("--wegate.token.key-encryption-key=" + kek);
        }
        return new SpringApplicationBuilder(WegateApplication.class).run(args.toArray(String[]::new));
    }

    private static Gateway gateway(ConfigurableApplicationContext ctx) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return new Gateway(port, ctx.getBean(Sandbox.class));
    }

    private static List<String> rows(ConfigurableApplicationContext ctx) {
        return ctx.getBean(JdbcClient.class)
                .sql("select jwk from signing_key")
                .query(String.class)
                .list();
    }

    private static String warnings(Gateway g) {
        return g.operator("/actuator/health")
                .json()
                .get("components")
                .get("wegate")
                .get("details")
                .get("warnings")
                .toString();
    }

    @Test
    void kekWhenConfiguredOnClearKeysThenEncryptedSameKeysAfterRestartAndWrongOrMissingKekStopsTheStart() {
        String jwks;
        String token;
        try (ConfigurableApplicationContext clear = start(null)) {
            Gateway g = gateway(clear);
            assertThat(rows(clear)).hasSize(2).allSatisfy(r -> assertThat(r).contains("\"d\""));
            assertThat(warnings(g)).contains("signing key stored unencrypted");
            jwks = g.http().get(g.base() + "/.well-known/jwks.json").body();
            token = g.loginAs("zhangsan").get("access_token").asString();
        }

        String kek = newKek();
        try (ConfigurableApplicationContext sealed = start(kek)) {
            Gateway g = gateway(sealed);
            assertThat(rows(sealed))
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r)
                            .startsWith(
                                    "wegate-kek-v1:") // quoted member names: base64url ciphertext has no quotes, but
                            // may spell "kty" by chance
                            .doesNotContain("\"d\"", "\"kty\""));
            assertThat(g.http().get(g.base() + "/.well-known/jwks.json").body()).isEqualTo(jwks);
            assertThat(g.me(token).status()).isEqualTo(200);
            assertThat(warnings(g)).doesNotContain("signing key stored unencrypted");
            Http.Answer keys = g.operator("/actuator/health");
            assertThat(keys.body()).doesNotContain(kek);
        }

        try (ConfigurableApplicationContext again = start(kek)) {
            Gateway g = gateway(again);
            assertThat(g.http().get(g.base() + "/.well-known/jwks.json").body()).isEqualTo(jwks);
            assertThat(g.me(token).status()).isEqualTo(200);
            String second = g.loginAs("lisi").get("access_token").asString();
            assertThat(g.me(second).status()).isEqualTo(200);
        }

        String other = newKek();
        assertThatThrownBy(() -> start(other).close())
                .rootCause()
                .hasMessageContaining("does not decrypt with the configured wegate.token.key-encryption-key")
                .hasMessageContaining("another key-encryption key")
                .hasMessageNotContaining(other)
                .hasMessageNotContaining(kek);
        assertThatThrownBy(() -> start(null).close())
                .rootCause()
                .hasMessageContaining("is encrypted, but no wegate.token.key-encryption-key");
        assertThatThrownBy(() -> start("c2hvcnQ=").close())
                .rootCause()
                .hasMessageContaining("must be the base64 of 32 bytes");

        // nothing of that created or changed a key
        try (ConfigurableApplicationContext last = start(kek)) {
            Gateway g = gateway(last);
            assertThat(rows(last)).hasSize(2);
            assertThat(g.http().get(g.base() + "/.well-known/jwks.json").body()).isEqualTo(jwks);
        }
    }
}
