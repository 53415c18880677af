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
