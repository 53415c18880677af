package io.wegate.server.keys;

import io.wegate.server.token.SigningKeys;
import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin command {@code java -jar wegate-server.jar --rotate-signing-keys[=ES256|RS256]}: rotates
 * the signing keys (all algorithms when none is named), prints the new keys as the admin API does
 * (JSON), and exits.
 */
@Component
class RotateSigningKeysCommand implements ApplicationRunner {

    static final String OPTION = "rotate-signing-keys";

    private final KeyRotations rotations;
    private final ConfigurableApplicationContext context;

    RotateSigningKeysCommand(KeyRotations rotations, ConfigurableApplicationContext context) {
        this.rotations = rotations;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        List<String> values = args.getOptionValues(OPTION);
        String algorithm = values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
        int exit = execute(algorithm, System.out, System.err);
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    int execute(String algorithm, PrintStream out, PrintStream err) {
        if (algorithm != null && !SigningKeys.ALGORITHMS.contains(algorithm)) {
            err.println("--" + OPTION + ": the algorithm must be one of " + SigningKeys.ALGORITHMS);
            return 2;
        }
        out.println(JsonMapper.shared().writeValueAsString(KeyRotations.json(rotations.rotate(algorithm, "cli"))));
        return 0;
    }
}
