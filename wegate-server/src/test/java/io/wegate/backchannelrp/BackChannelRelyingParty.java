package io.wegate.backchannelrp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A relying party wegate did not write, with Spring Security's own OpenID Connect back-channel
 * logout: {@code oauth2Login} and {@code oidcLogout().backChannel()} with their defaults, configured
 * only with properties. Spring validates the logout token (wegate's JWKS, issuer, audience, events)
 * and ends the sessions of its {@code sid}. Its page shows the session's {@code sub} and {@code sid}.
 * Outside {@code io.wegate.server} and {@code io.wegate.testrp}, so that no other component scan
 * picks it up.
 */
@SpringBootApplication
public class BackChannelRelyingParty {

    /**
     * Starts the app on {@code port} as the client {@code clientId} of the wegate at {@code wegatePort}: what a team
     * would put in its application properties, nothing more.
     */
    public static org.springframework.context.ConfigurableApplicationContext start(
            int port, String clientId, String secret, int wegatePort) {
        return new org.springframework.boot.builder.SpringApplicationBuilder(BackChannelRelyingParty.class)
                .run(
                        "--server.port=" + port,
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=jdbc:h2:mem:rp-${random.uuid}",
                        "--spring.flyway.enabled=false",
                        // not wegate's WEGATE_SESSION (its application.properties is on this classpath, and
                        // cookies of localhost are shared across ports): the servlet default, which Spring's
                        // back-channel logout handler presents when it ends the session
                        "--server.servlet.session.cookie.name=JSESSIONID",
                        "--management.endpoints.access.default=none",
                        "--spring.security.oauth2.client.registration.wegate.client-id=" + clientId,
                        "--spring.security.oauth2.client.registration.wegate.client-secret=" + secret,
                        "--spring.security.oauth2.client.registration.wegate.scope=openid,profile",
                        "--spring.security.oauth2.client.provider.wegate.issuer-uri=http://localhost:" + wegatePort);
    }

    @Bean
    SecurityFilterChain relyingPartySecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2Login(Customizer.withDefaults())
                .oidcLogout(l -> l.backChannel(Customizer.withDefaults()));
        return http.build();
    }

    @RestController
    static class Home {
        @GetMapping(value = "/", produces = "text/html;charset=UTF-8")
        String home(@AuthenticationPrincipal OidcUser user) {
            return "<!doctype html><html><body>"
                    + "<p id=\"sub\">" + HtmlUtils.htmlEscape(user.getSubject()) + "</p>"
                    + "<p id=\"sid\">"
                    + HtmlUtils.htmlEscape(String.valueOf(user.getIdToken().getClaimAsString("sid")))
                    + "</p></body></html>";
        }
    }
}
