package io.wegate.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link OidcTokenLoadDriver}. Everything it talks to must be on this machine.
 *
 * @param issuer the authorization server's base URL ({@code /oauth2/authorize}, {@code /oauth2/token}, ... under it)
 * @param login how the driver gets the person's browser session: {@code wegate} (a WeCom QR login through wegate and
 *     its sandbox) or {@code form} (Spring Security's form login, for the Spring Authorization Server contender)
 * @param sandbox the sandbox, for {@code --login wegate}
 * @param ops timed operations per scenario
 * @param warmup untimed operations per scenario before the timed ones
 * @param concurrency parallel callers
 * @param scenarios any of {@code code}, {@code refresh}, {@code introspect}, {@code userinfo}, in that order
 */
record OidcBenchOptions(
        String label,
        URI issuer,
        String login,
        URI sandbox,
        String user,
        String username,
        String password,
        String clientId,
        String clientSecret,
        String redirectUri,
        int ops,
        int warmup,
        int concurrency,
        List<String> scenarios) {

    static final List<String> ALL = List.of("code", "refresh", "introspect", "userinfo");

    static final String USAGE = """
            Usage: java -cp wegate-bench.jar io.wegate.bench.OidcTokenLoadDriver [options]
              --label NAME          what the report calls this contender (default: the issuer)
              --issuer URL          the authorization server (default http://localhost:18080)
              --login wegate|form   how the person logs in once: through wegate and its sandbox (WeCom QR), or
                                    Spring Security's form login (default wegate)
              --sandbox URL         the sandbox, for --login wegate (default http://127.0.0.1:18081)
              --user ID             the sandbox WeCom member (default zhangsan)
              --username U --password P   for --login form (default bench / bench)
              --client-id ID --client-secret S --redirect-uri URI   the client (default: wegate's sandbox demo client)
              --ops N               timed operations per scenario (default 2000)
              --warmup N            untimed operations per scenario first (default 500)
              --concurrency N       parallel callers (default 20)
              --scenarios LIST      code,refresh,introspect,userinfo (default all)
            """;

    static OidcBenchOptions parse(String... args) {
        String label = null;
        String issuer = "http://localhost:18080";
        String login = "wegate";
        String sandbox = "http://127.0.0.1:18081";
        String user = "zhangsan";
        String username = "bench";
        String password = "bench";
        String clientId = "wegate-demo";
        String clientSecret = "wegate-demo-secret";
        String redirectUri = "http://localhost:8090/login/oauth2/code/wegate";
        int ops = 2000;
        int warmup = 500;
        int concurrency = 20;
        List<String> scenarios = ALL;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--label" -> label = value;
                case "--issuer" -> issuer = value;
                case "--login" -> login = value;
                case "--sandbox" -> sandbox = value;
                case "--user" -> user = value;
                case "--username" -> username = value;
                case "--password" -> password = value;
                case "--client-id" -> clientId = value;
                case "--client-secret" -> clientSecret = value;
                case "--redirect-uri" -> redirectUri = value;
                case "--ops" -> ops = integer(option, value);
                case "--warmup" -> warmup = integer(option, value);
                case "--concurrency" -> concurrency = integer(option, value);
                case "--scenarios" -> scenarios = scenarios(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (!login.equals("wegate") && !login.equals("form")) {
            throw new IllegalArgumentException("--login must be wegate or form, not " + login);
        }
        if (ops < 1) {
            throw new IllegalArgumentException("--ops must be at least 1");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (concurrency < 1 || concurrency > 1000) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 1000");
        }
        URI issuerUri = uri("--issuer", issuer);
        DriverOptions.requireLoopback("--issuer", issuerUri);
        URI sandboxUri = uri("--sandbox", sandbox);
        DriverOptions.requireLoopback("--sandbox", sandboxUri);
        return new OidcBenchOptions(
                label == null ? issuerUri.toString() : label,
                issuerUri,
                login,
                sandboxUri,
                user,
                username,
                password,
                clientId,
                clientSecret,
                redirectUri,
                ops,
                warmup,
                concurrency,
                scenarios);
    }

    private static List<String> scenarios(String value) {
        List<String> chosen = new ArrayList<>();
        for (String s : value.toLowerCase(Locale.ROOT).split(",")) {
            String name = s.trim();
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("--scenarios: unknown scenario " + name + " (" + ALL + ")");
            }
            if (!chosen.contains(name)) {
                chosen.add(name);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--scenarios needs at least one scenario");
        }
        // the later scenarios use the tokens the code exchange issued
        return ALL.stream().filter(chosen::contains).toList();
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not " + value);
        }
    }

    private static URI uri(String option, String value) {
        try {
            URI u = new URI(value.replaceAll("/+$", ""));
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException(option + " must be an absolute URL, not " + value);
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(option + " is not a URL: " + value);
        }
    }
}
