package io.wegate.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CryptoProvidersTest {

    private static final Provider ACCP = AmazonCorrettoCryptoProvider.INSTANCE;

    @AfterEach
    void backToTheDefault() {
        CryptoProviders.apply("auto");
    }

    @Test
    void whenAutoOnLinuxX8664ThenAccpIsFirstAndSignsRs256AndEs256() throws Exception {
        // the build ships ACCP's linux-x86_64 library; this project builds and runs its CI there
        assertThat(System.getProperty("os.name")).isEqualTo("Linux");
        CryptoProviders.Choice c = CryptoProviders.apply("auto");
        assertThat(c.provider()).isEqualTo("accp");
        assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName())
                .isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName())
                .isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(c.rsaSigner()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void whenJdkThenTheJdkSignsAndAutoPutsAccpBack() throws Exception {
        CryptoProviders.apply("auto");
        CryptoProviders.Choice jdk = CryptoProviders.apply("jdk");
        assertThat(jdk.provider()).isEqualTo("jdk");
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName())
                .isEqualTo("SunRsaSign");
        assertThat(jdk.rsaSigner()).isEqualTo("SunRsaSign");
        assertThat(CryptoProviders.apply("AUTO").provider()).isEqualTo("accp");
        assertThat(CryptoProviders.current().provider()).isEqualTo("accp");
    }

    @Test
    void whenAppliedTwiceThenAccpIsInTheListOnce() {
        CryptoProviders.apply("accp");
        CryptoProviders.apply("auto");
        long accp = java.util.Arrays.stream(Security.getProviders())
                .filter(p -> p.getName().equals("AmazonCorrettoCryptoProvider"))
                .count();
        assertThat(accp).isEqualTo(1);
    }

    @Test
    void whenUnknownModeThenRefusedWithoutEchoingControlCharacters() {
        assertThatThrownBy(() -> CryptoProviders.apply("bouncy\ncastle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, accp or jdk")
                .hasMessageNotContaining("\n");
    }

    @Test
    void whenAppliedInBackgroundThenAwaitGivesTheSameChoiceAsApply() {
        CryptoProviders.apply("jdk");
        CryptoProviders.Choice accp = CryptoProviders.applyInBackground("auto").await();
        assertThat(accp.provider()).isEqualTo("accp");
        assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(CryptoProviders.current()).isEqualTo(accp);

        CryptoProviders.Choice jdk = CryptoProviders.applyInBackground("jdk").await();
        assertThat(jdk.provider()).isEqualTo("jdk");
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
    }

    @Test
    void whenUnknownModeInBackgroundThenRefusedAtOnce() {
        assertThatThrownBy(() -> CryptoProviders.applyInBackground("bouncy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, accp or jdk");
    }

    @Test
    void whenSignedByAccpThenTheJdkVerifiesAndTheOtherWayRound() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
        Provider sunRsa = Security.getProvider("SunRsaSign");
        Provider sunEc = Security.getProvider("SunEC");

        for (boolean accpSigns : new boolean[] {true, false}) {
            RSASSASigner rs = new RSASSASigner(rsa);
            rs.getJCAContext().setProvider(accpSigns ? ACCP : sunRsa);
            RSASSAVerifier rv = new RSASSAVerifier(rsa.toRSAPublicKey());
            rv.getJCAContext().setProvider(accpSigns ? sunRsa : ACCP);
            JWSObject r = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("{\"sub\":\"a\"}"));
            r.sign(rs);
            assertThat(JWSObject.parse(r.serialize()).verify(rv)).isTrue();

            ECDSASigner es = new ECDSASigner(ec);
            es.getJCAContext().setProvider(accpSigns ? ACCP : sunEc);
            ECDSAVerifier ev = new ECDSAVerifier(ec.toECPublicKey());
            ev.getJCAContext().setProvider(accpSigns ? sunEc : ACCP);
            JWSObject e = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"sub\":\"a\"}"));
            e.sign(es);
            assertThat(JWSObject.parse(e.serialize()).verify(ev)).isTrue();

            // and a tampered payload fails under both
            String[] parts = e.serialize().split("\\.");
            String forged = parts[0] + "." + new Payload("{\"sub\":\"b\"}").toBase64URL() + "." + parts[2];
            assertThat(JWSObject.parse(forged).verify(ev)).isFalse();
        }
    }
}
