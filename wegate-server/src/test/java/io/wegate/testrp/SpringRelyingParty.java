package io.wegate.testrp;

import java.util.List;
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
 * A relying party wegate did not write: Spring Security's own {@code oauth2Login}, configured only
 * with properties ({@code spring.security.oauth2.client.*}, the issuer's discovery document), as
 * any team's Spring app would be. Its page shows what it got from wegate. It lives outside
 * {@code io.wegate.server} so that the gateway's component scan does not pick it up.
 */
@SpringBootApplication
public class SpringRelyingParty {

    @Bean
    SecurityFilterChain relyingPartySecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).oauth2Login(Customizer.withDefaults());
        return http.build();
    }

    @RestController
    static class Home {
        @GetMapping(value = "/", produces = "text/html;charset=UTF-8")
        String home(@AuthenticationPrincipal OidcUser user) {
            List<String> amr = user.getIdToken().getClaimAsStringList("amr");
            return "<!doctype html><html><body>"
                    + "<p id=\"sub\">" + HtmlUtils.htmlEscape(user.getSubject()) + "</p>"
                    + "<p id=\"name\">" + HtmlUtils.htmlEscape(String.valueOf(user.getFullName())) + "</p>"
                    + "<p id=\"amr\">" + HtmlUtils.htmlEscape(String.join(",", amr)) + "</p>"
                    + "<p id=\"acr\">"
                    + HtmlUtils.htmlEscape(String.valueOf(user.getIdToken().getClaimAsString("acr")))
                    + "</p>"
                    + "<p id=\"userinfo-sub\">"
                    + HtmlUtils.htmlEscape(
                            user.getUserInfo() == null
                                    ? "none"
                                    : user.getUserInfo().getSubject())
                    + "</p></body></html>";
        }
    }
}
