package io.wegate.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real PostgreSQL and MariaDB for tests: the servers on this machine when they run
 * (127.0.0.1:5432, 127.0.0.1:3306), otherwise ones the tests start themselves — an embedded
 * PostgreSQL from Maven Central, and Debian's mariadbd (installed with apt-get when missing and
 * running as root) on a temporary data directory. Each call gives a fresh, empty database.
 */
public final class TestDatabases {

    /** Where a test database is. */
    public record Db(String url, String user, String password) {}

    private static EmbeddedPostgres embeddedPostgres;
    private static Integer localMariaDbPort;

    private TestDatabases() {}

    public static synchronized Db postgres() {
        String name = "wegate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String host;
        int port;
        if (useMachineServer(5432)) {
            host = "127.0.0.1";
            port = 5432;
        } else {
            try {
                if (embeddedPostgres == null) {
                    embeddedPostgres = EmbeddedPostgres.builder().start();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot start an embedded PostgreSQL", e);
            }
            host = "localhost";
            port = embeddedPostgres.getPort();
        }
        execute("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "", "create database " + name);
        return new Db("jdbc:postgresql://" + host + ":" + port + "/" + name, "postgres", "");
    }

    public static synchronized Db mariadb() {
        int port = useMachineServer(3306) ? 3306 : startLocalMariaDb();
        String name = "wegate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String server = "jdbc:mariadb://127.0.0.1:" + port + "/";
        execute(server, "root", "", "create database " + name + " character set utf8mb4");
        return new Db(server + name, "root", "");
    }

    /** {@code -Dwegate.test.own-databases=true} ignores the machine's servers, as on a fresh machine. */
    private static boolean useMachineServer(int port) {
        return !Boolean.getBoolean("wegate.test.own-databases") && listening(port);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database at " + url, e);
        }
    }

    /** Debian's MariaDB on a temporary data directory and a free port, for a machine without one. */
    private static int startLocalMariaDb() {
        if (localMariaDbPort != null) {
            return localMariaDbPort;
        }
        try {
            DebianPackages.ensure("The MariaDB tests", List.of(Path.of("/usr/sbin/mariadbd")), "mariadb-server");
            Path dir = Files.createTempDirectory("wegate-mariadb");
            run(List.of(
                    "mariadb-install-db",
                    // the machine's my.cnf belongs to its own server, if any
                    "--no-defaults",
                    "--user=" + System.getProperty("user.name"),
                    "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Process p = new ProcessBuilder(
                            "/usr/sbin/mariadbd",
                            "--no-defaults",
                            "--user=" + System.getProperty("user.name"),
                            "--datadir=" + dir.resolve("data"),
                            "--socket=" + dir.resolve("mariadb.sock"),
                            "--pid-file=" + dir.resolve("mariadb.pid"),
                            "--bind-address=127.0.0.1",
                            "--port=" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mariadb.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            for (int i = 0; i < 300 && !listening(port); i++) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            if (!listening(port)) {
                throw new IllegalStateException("mariadbd did not start; see " + dir.resolve("mariadb.log"));
            }
            localMariaDbPort = port;
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a local MariaDB", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start(); // not the surefire fork's stdin (its command channel)
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
