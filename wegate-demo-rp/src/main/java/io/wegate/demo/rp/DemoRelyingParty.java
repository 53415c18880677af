package io.wegate.demo.rp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
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
 * with properties ({@code spring.security.oauth2.client.*} and the issuer's discovery document), as
 * any team's Spring app would be. Its page shows what it got from wegate: the ID token's claims and
 * UserInfo.
 */
@SpringBootApplication
public class DemoRelyingParty {

    public static void main(String[] args) {
        SpringApplication.run(DemoRelyingParty.class, args);
    }

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
            return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>wegate demo relying party</title>"
                    + "</head><body><h1>Logged in through wegate</h1>"
                    + "<p>sub <code id=\"sub\">" + esc(user.getSubject()) + "</code></p>"
                    + "<p>name <code id=\"name\">" + esc(String.valueOf(user.getFullName())) + "</code></p>"
                    + "<p>amr <code id=\"amr\">" + esc(amr == null ? "" : String.join(",", amr)) + "</code></p>"
                    + "<p>acr <code id=\"acr\">"
                    + esc(String.valueOf(user.getIdToken().getClaimAsString("acr")))
                    + "</code></p>"
                    + "<p>UserInfo sub <code id=\"userinfo-sub\">"
                    + esc(
                            user.getUserInfo() == null
                                    ? "none"
                                    : user.getUserInfo().getSubject()) + "</code></p>"
                    + "<h2>ID token claims</h2><pre id=\"id-token\">"
                    + esc(lines(user.getIdToken().getClaims()))
                    + "</pre><h2>UserInfo</h2><pre id=\"userinfo\">"
                    + esc(
                            user.getUserInfo() == null
                                    ? "none"
                                    : lines(user.getUserInfo().getClaims()))
                    + "</pre></body></html>";
        }

        private static String lines(Map<String, Object> claims) {
            StringBuilder b = new StringBuilder();
            new TreeMap<>(claims)
                    .forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
            return b.toString();
        }

        private static String esc(String s) {
            return HtmlUtils.htmlEscape(s);
        }
    }
}
