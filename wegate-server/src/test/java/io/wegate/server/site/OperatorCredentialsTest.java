package io.wegate.server.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Which HTTP Basic credentials open the operator endpoints, for each way of writing the password. */
class OperatorCredentialsTest {

    // BCrypt of "s3cret", cost 4 to keep the table fast
    static final String BCRYPT = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret");

    @ParameterizedTest(name = "password {0}: {1}/{2} -> {3}")
    @CsvSource(nullValues = "<unset>", textBlock = """
            {noop}s3cret,  operator, s3cret,        true
            {noop}s3cret,  operator, s3cret2,       false
            {noop}s3cret,  operator, s3cre,         false
            {noop}s3cret,  operator, {noop}s3cret,  false
            {noop}s3cret,  admin,    s3cret,        false
            s3cret,        operator, s3cret,        true
            s3cret,        operator, S3CRET,        false
            s3cret,        operator, '',            false
            <unset>,       operator, '',            false
            <unset>,       operator, s3cret,        false
            """)
    void authenticateWhenPasswordWrittenThusThenOnlyTheRightOneOpens(
            String configured, String username, String attempt, boolean opens) {
        assertThat(opens(manager(configured), username, attempt)).isEqualTo(opens);
    }

    @Test
    void authenticateWhenPasswordIsBcryptThenItsPlainValueOpens() {
        AuthenticationManager m = manager(BCRYPT);

        assertThat(opens(m, "operator", "s3cret")).isTrue();
        assertThat(opens(m, "operator", "s3cret ")).isFalse();
        assertThat(opens(m, "operator", BCRYPT)).isFalse();
    }

    @Test
    void authenticateWhenUsernameConfiguredThenOnlyThatNameOpens() {
        AuthenticationManager m = OperatorCredentials.authenticationManager(new ManagementProperties("ops", "pw"));

        assertThat(opens(m, "ops", "pw")).isTrue();
        assertThat(opens(m, "operator", "pw")).isFalse();
    }

    @Test
    void startWhenPasswordHasAnUnknownIdThenFailsNamingTheProperty() {
        assertThatThrownBy(() -> manager("{md42}abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wegate.management.password")
                .hasMessageContaining("{bcrypt}")
                .hasMessageNotContaining("abc");
    }

    @Test
    void propertiesWhenPrintedThenPasswordHidden() {
        ManagementProperties p = new ManagementProperties(null, "{noop}s3cret");

        assertThat(p.username()).isEqualTo("operator");
        assertThat(p.toString()).doesNotContain("s3cret");
    }

    private static AuthenticationManager manager(String password) {
        return OperatorCredentials.authenticationManager(new ManagementProperties(null, password));
    }

    private static boolean opens(AuthenticationManager m, String username, String password) {
        try {
            return m.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
                    .isAuthenticated();
        } catch (AuthenticationException e) {
            return false;
        }
    }
}
