package io.wegate.server.admin;

import io.wegate.server.error.ApiException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin commands on accounts, what the admin API does from {@code java -jar wegate-server.jar}:
 * {@code --find-accounts=<q> [--limit=] [--cursor=]}, {@code --disable-account=<id> [--reason=...]}, {@code
 * --enable-account=<id>}, {@code --logout-account=<id>}, {@code --unlink-identity=<accountId>/<identityId>}. Each
 * prints the admin API's JSON and exits: 0 done, 1 refused (the error JSON on standard error: unknown account, last
 * identity, ...), 2 a command line that makes no sense. Audited with {@code via=cli}.
 */
@Component
class AccountCommands implements ApplicationRunner {

    static final List<String> OPTIONS =
            List.of("find-accounts", "disable-account", "enable-account", "logout-account", "unlink-identity");

    private static final String VIA = "cli";

    private final AccountDetails details;
    private final AccountAdministration administration;
    private final JsonMapper json;
    private final ConfigurableApplicationContext context;

    AccountCommands(
            AccountDetails details,
            AccountAdministration administration,
            JsonMapper json,
            ConfigurableApplicationContext context) {
        this.details = details;
        this.administration = administration;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (OPTIONS.stream().noneMatch(args::containsOption)) {
            return;
        }
        int exit = execute(args, System.out, System.err);
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    /** What the command does, without exiting: the exit status. */
    int execute(ApplicationArguments args, PrintStream out, PrintStream err) {
        List<String> given = OPTIONS.stream().filter(args::containsOption).toList();
        if (given.size() != 1) {
            err.println("give one of --" + String.join(", --", OPTIONS) + " at a time");
            return 2;
        }
        String option = given.get(0);
        String value = last(args, option);
        if (value == null && !option.equals("find-accounts")) {
            err.println("--" + option + " needs a value: --" + option + "=" + usage(option));
            return 2;
        }
        try {
            Object answer = switch (option) {
                case "find-accounts" ->
                    details.find(value, AccountsController.limit(last(args, "limit")), last(args, "cursor"));
                case "disable-account" ->
                    AccountDetails.change(administration.disable(value, last(args, "reason"), VIA));
                case "enable-account" -> AccountDetails.change(administration.enable(value, VIA));
                case "logout-account" -> AccountDetails.change(administration.logout(value, VIA));
                default -> {
                    int slash = value.indexOf('/');
                    if (slash < 1 || slash == value.length() - 1) {
                        err.println("--unlink-identity needs " + usage(option) + ", e.g. the ids"
                                + " --find-accounts and the account's detail show");
                        yield null;
                    }
                    yield AccountDetails.change(
                            administration.unlink(value.substring(0, slash), value.substring(slash + 1), VIA));
                }
            };
            if (answer == null) {
                return 2;
            }
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return 0;
        } catch (ApiException e) {
            err.println(json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Map.of(
                            "error", e.error().code(),
                            "message", e.error().messageEn(e.detail()),
                            "message_zh", e.error().messageZh(e.detail()))));
            return 1;
        }
    }

    private static String usage(String option) {
        return switch (option) {
            case "unlink-identity" -> "<account id>/<identity id>";
            default -> "<account id>";
        };
    }

    private static String last(ApplicationArguments args, String option) {
        List<String> v = args.getOptionValues(option);
        return v == null || v.isEmpty() || v.get(v.size() - 1).isBlank() ? null : v.get(v.size() - 1);
    }
}
