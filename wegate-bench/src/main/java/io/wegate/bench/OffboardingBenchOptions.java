package io.wegate.bench;

import java.net.URI;

/**
 * The command line of {@link OffboardingLoadDriver}. Everything it talks to must be on this machine.
 *
 * @param issuer wegate's base URL
 * @param sandbox the sandbox wegate runs against (the simulated WeCom and its administrator)
 * @param adminToken wegate's {@code wegate.admin.token}, to register the relying parties
 * @param managementPassword {@code wegate.management.password}, to read {@code /actuator/prometheus}; {@code null}:
 *     no server-side figures
 * @param user the member whose logins are offboarded
 * @param logins live logins of {@code user} before the event
 * @param relyingParties relying parties (OIDC clients with a back-channel logout URI) per login
 * @param concurrency parallel callers while the logins are made (untimed)
 * @param waitSeconds how long to wait for every logout token
 * @param events member changes (hide/show) for the events-per-second figure; 0 skips it
 * @param eventAgentId the app whose visible range the hide/show toggles change
 */
record OffboardingBenchOptions(
        URI issuer,
        URI sandbox,
        String adminToken,
        String managementPassword,
        String user,
        int logins,
        int relyingParties,
        int concurrency,
        int waitSeconds,
        int events,
        String eventAgentId) {

    static final String USAGE = """
            Usage: java -cp wegate-bench.jar io.wegate.bench.OffboardingLoadDriver --admin-token T [options]
              --issuer URL              wegate (default http://127.0.0.1:18480)
              --sandbox URL             its sandbox (default http://127.0.0.1:18481)
              --admin-token T           wegate.admin.token (or WEGATE_ADMIN_TOKEN), to register the relying parties
              --management-password P   wegate.management.password (or WEGATE_MANAGEMENT_PASSWORD), to read
                                        /actuator/prometheus before and after (default: no server-side figures)
              --user ID                 the sandbox member to offboard (default lisi)
              --logins N                live logins of that member before the event (default 1000)
              --relying-parties N       relying parties with a back-channel logout URI per login (default 3)
              --concurrency N           parallel callers while the logins are made, untimed (default 20)
              --wait-seconds N          how long to wait for every logout token (default 180)
              --events N                hide/show changes for the events-per-second figure, even; 0 skips it
                                        (default 1000)
              --event-agentid ID        the app whose visible range they change (default 1000003, which sees lisi)
            """;

    static OffboardingBenchOptions parse(java.util.Map<String, String> env, String... args) {
        String issuer = "http://127.0.0.1:18480";
        String sandbox = "http://127.0.0.1:18481";
        String adminToken = env.get("WEGATE_ADMIN_TOKEN");
        String managementPassword = env.get("WEGATE_MANAGEMENT_PASSWORD");
        String user = "lisi";
        int logins = 1000;
        int relyingParties = 3;
        int concurrency = 20;
        int waitSeconds = 180;
        int events = 1000;
        String eventAgentId = "1000003";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--issuer" -> issuer = value;
                case "--sandbox" -> sandbox = value;
                case "--admin-token" -> adminToken = value;
                case "--management-password" -> managementPassword = value;
                case "--user" -> user = value;
                case "--logins" -> logins = integer(option, value, 1, 100_000);
                case "--relying-parties" -> relyingParties = integer(option, value, 1, 20);
                case "--concurrency" -> concurrency = integer(option, value, 1, 200);
                case "--wait-seconds" -> waitSeconds = integer(option, value, 1, 3600);
                case "--events" -> events = integer(option, value, 0, 5000);
                case "--event-agentid" -> eventAgentId = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("--admin-token (or WEGATE_ADMIN_TOKEN) is required");
        }
        if (events % 2 != 0) {
            // hide, show, hide, ...: an even number leaves the member visible, as it was found
            throw new IllegalArgumentException("--events must be even, not " + events);
        }
        URI issuerUri = uri("--issuer", issuer);
        DriverOptions.requireLoopback("--issuer", issuerUri);
        URI sandboxUri = uri("--sandbox", sandbox);
        DriverOptions.requireLoopback("--sandbox", sandboxUri);
        return new OffboardingBenchOptions(
                issuerUri,
                sandboxUri,
                adminToken,
                managementPassword == null || managementPassword.isBlank() ? null : managementPassword,
                user,
                logins,
                relyingParties,
                concurrency,
                waitSeconds,
                events,
                eventAgentId);
    }

    private static int integer(String option, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not " + value);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
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

    @Override
    public String toString() {
        // never the secrets
        return "OffboardingBenchOptions[issuer=" + issuer + ", sandbox=" + sandbox + ", user=" + user + ", logins="
                + logins + ", relyingParties=" + relyingParties + ", events=" + events + "]";
    }
}
