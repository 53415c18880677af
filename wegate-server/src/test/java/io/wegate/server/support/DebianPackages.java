package io.wegate.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Debian packages a test needs (a browser, a database server, Node.js) on a machine that lacks them, as
 * the README promises; refuses with what to install where the tests do not run as root.
 */
public final class DebianPackages {

    private DebianPackages() {}

    /**
     * Installs {@code packages} unless every one of {@code needed} is there already.
     *
     * @param why what needs them, for the message on a machine where they cannot be installed
     */
    public static synchronized void ensure(String why, List<Path> needed, String... packages) {
        if (needed.stream().allMatch(Files::isExecutable)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException(why + " needs " + String.join(" and ", packages) + ": apt-get install "
                    + String.join(" ", packages));
        }
        // another build on the machine may be installing at the same moment: wait for dpkg's lock, not fail on it
        run("update", "-qq");
        List<String> install = new ArrayList<>(List.of("install", "-y", "-qq", "--no-install-recommends"));
        install.addAll(List.of(packages));
        run(install.toArray(String[]::new));
        for (Path p : needed) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("apt-get did not install " + p);
            }
        }
    }

    private static void run(String... args) {
        List<String> command = new ArrayList<>(List.of("apt-get", "-o", "DPkg::Lock::Timeout=600"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start(); // not the surefire fork's stdin (its command channel)
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
