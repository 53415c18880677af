package io.wegate.server.directory;

import io.wegate.server.upstream.LoginApps;
import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The admin command {@code java -jar wegate-server.jar --import-wecom-directory[=<app id>]}: imports
 * the WeCom directory, prints what it did, and exits.
 */
@Component
class WeComDirectoryImportCommand implements ApplicationRunner {

    static final String OPTION = "import-wecom-directory";

    private final WeComDirectoryImport importer;
    private final LoginApps apps;
    private final ConfigurableApplicationContext context;

    WeComDirectoryImportCommand(WeComDirectoryImport importer, LoginApps apps, ConfigurableApplicationContext context) {
        this.importer = importer;
        this.apps = apps;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        List<String> values = args.getOptionValues(OPTION);
        String appId = values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
        int exit = report(importer.run(apps.wecom(appId)), System.out);
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    static int report(WeComDirectoryImport.Report r, PrintStream out) {
        out.printf(
                "WeCom directory import: %d departments, %d members, %d new accounts%n",
                r.departments(), r.members(), r.accountsCreated());
        r.notes().forEach(n -> out.println("note: " + n));
        return r.members() == 0 && !r.notes().isEmpty() ? 1 : 0;
    }
}
