package io.wegate.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The openid-client relying party of {@code src/test/node/openid-client-rp}: Node.js and npm from
 * Debian (installed with apt-get when missing and running as root), openid-client from the npm
 * registry (installed into {@code target/}), started as a process that says when it listens.
 */
public final class NodeRelyingParty implements AutoCloseable {

    private static final Path SOURCE = Path.of("src/test/node/openid-client-rp");
    private static final Path WORK = Path.of("target/openid-client-rp");

    private final Process process;

    private NodeRelyingParty(Process process) {
        this.process = process;
    }

    /** Starts the app on 127.0.0.1:{@code port} against {@code issuer}; returns once it listens. */
    public static NodeRelyingParty start(String issuer, String clientId, String secret, int port) throws IOException {
        install();
        Process p = new ProcessBuilder("node", "rp.mjs", issuer, clientId, secret, Integer.toString(port))
                .directory(WORK.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("listening on ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return new NodeRelyingParty(p);
            }
        }
        throw new IllegalStateException("the openid-client app exited before it listened:\n" + seen);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void install() throws IOException {
        DebianPackages.ensure(
                "The openid-client test", List.of(Path.of("/usr/bin/node"), Path.of("/usr/bin/npm")), "nodejs", "npm");
        Files.createDirectories(WORK);
        for (String f : new String[] {"package.json", "rp.mjs"}) {
            Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/openid-client"))) {
            run(WORK, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        // stdin from /dev/null: the surefire fork's own stdin is its command channel, and npm must not read it
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
