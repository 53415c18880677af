package io.wegate.bench.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a login's CPU goes, from a JFR recording of a server under login load ({@code profile-login.sh}): the
 * execution samples per 1,000 logins in each part of the login (a sample is about 10 ms of one thread on a CPU, so
 * the figures compare recordings of the same number of logins in absolute terms, not only as shares). Several
 * recordings side by side give the before/after table of docs/benchmarks.md.
 *
 * <pre>java -cp wegate-bench.jar io.wegate.bench.profile.LoginProfile before=a.jfr:6000 after=b.jfr:6000</pre>
 */
public final class LoginProfile {

    /** One row: a name and which stacks (leaf first, as {@code Class.method} names) it counts. */
    record Row(String name, Predicate<List<String>> counts) {}

    private static boolean any(List<String> stack, String... parts) {
        for (String f : stack) {
            for (String p : parts) {
                if (f.contains(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyStartsWith(List<String> stack, String... prefixes) {
        for (String f : stack) {
            for (String p : prefixes) {
                if (f.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inServlet(List<String> s) {
        return any(s, "FrameworkServlet.doGet", "FrameworkServlet.doPost");
    }

    private static boolean accountAndTokens(List<String> s) {
        return any(s, "AccountService.login", "TokenService.issue", "TokenService.begin");
    }

    static final List<Row> ROWS = List.of(
            new Row("every sample (login step, start step, every thread)", s -> true),
            new Row("the start step (GET authorize-url) in Spring MVC", s -> any(s, "FrameworkServlet.doGet")),
            new Row("the login step in Spring MVC", s -> any(s, "FrameworkServlet.doPost")),
            new Row(
                    "&nbsp;&nbsp;upstream calls (WeComLoginService.exchange)",
                    s -> any(s, "WeComLoginService.exchange")),
            new Row(
                    "&nbsp;&nbsp;&nbsp;&nbsp;of which the HTTP client",
                    s -> any(s, "WeComLoginService.exchange")
                            && anyStartsWith(s, "jdk.internal.net.http.", "org.apache.hc.")),
            new Row("&nbsp;&nbsp;account, login record and tokens", LoginProfile::accountAndTokens),
            new Row(
                    "&nbsp;&nbsp;&nbsp;&nbsp;of which the database (JDBC, Hikari, H2, transactions)",
                    s -> accountAndTokens(s)
                            && !any(s, "JwtTokens.issue")
                            && anyStartsWith(
                                    s,
                                    "org.h2.",
                                    "org.postgresql.",
                                    "com.zaxxer.",
                                    "org.springframework.jdbc.",
                                    "org.springframework.transaction.")),
            new Row("&nbsp;&nbsp;&nbsp;&nbsp;of which the ES256 access token", s -> any(s, "JwtTokens.issue")),
            new Row(
                    "&nbsp;&nbsp;request body and answer (Jackson in Spring MVC)",
                    s -> any(s, "FrameworkServlet.doPost") && any(s, "AbstractJacksonHttpMessageConverter")),
            new Row(
                    "servlet filters around Spring MVC (Spring Security, observation, wegate's own)",
                    s -> !inServlet(s) && any(s, "FilterChainProxy", "ApplicationFilterChain")),
            new Row(
                    "&nbsp;&nbsp;of which http.server.requests (Micrometer under ServerHttpObservationFilter)",
                    s -> !inServlet(s) && any(s, "ServerHttpObservationFilter") && anyStartsWith(s, "io.micrometer.")),
            new Row(
                    "&nbsp;&nbsp;of which Spring Security's observation wrapping",
                    s -> !inServlet(s) && any(s, "ObservationFilterChainDecorator")),
            new Row(
                    "Tomcat outside the filters (sockets, HTTP parsing)",
                    s -> !inServlet(s)
                            && !any(s, "FilterChainProxy", "ApplicationFilterChain")
                            && anyStartsWith(s, "org.apache.coyote.", "org.apache.tomcat.")),
            new Row(
                    "other threads (database writer, HTTP client selector, pools)",
                    s -> !anyStartsWith(s, "org.apache.coyote.", "org.apache.tomcat.", "org.apache.catalina.")));

    /** The samples per 1,000 logins of every row. */
    static Map<String, Double> perThousandLogins(List<List<String>> stacks, int logins) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Row r : ROWS) {
            long n = stacks.stream().filter(r.counts()).count();
            out.put(r.name(), n * 1000.0 / logins);
        }
        return out;
    }

    /** The stacks of a recording's execution samples, leaf first, frames as {@code package.Class.method}. */
    static List<List<String>> stacks(Path jfr) throws IOException {
        List<List<String>> stacks = new ArrayList<>();
        try (RecordingFile f = new RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (RecordedFrame fr : e.getStackTrace().getFrames()) {
                    frames.add(fr.getMethod().getType().getName() + "."
                            + fr.getMethod().getName());
                }
                stacks.add(frames);
            }
        }
        return stacks;
    }

    static void table(List<String> labels, List<Map<String, Double>> columns, PrintStream out) {
        out.println("| JFR samples per 1,000 logins | " + String.join(" | ", labels) + " |");
        out.println("|---|" + "---|".repeat(labels.size()));
        for (Row r : ROWS) {
            StringBuilder line = new StringBuilder("| " + r.name() + " |");
            for (Map<String, Double> c : columns) {
                line.append(' ').append(Math.round(c.get(r.name()))).append(" |");
            }
            out.println(line);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LoginProfile label=recording.jfr:logins ...");
            System.exit(2);
        }
        List<String> labels = new ArrayList<>();
        List<Map<String, Double>> columns = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            int colon = a.lastIndexOf(':');
            if (eq < 1 || colon < eq) {
                System.err.println("not label=recording.jfr:logins: " + a);
                System.exit(2);
            }
            labels.add(a.substring(0, eq));
            columns.add(perThousandLogins(
                    stacks(Path.of(a.substring(eq + 1, colon))), Integer.parseInt(a.substring(colon + 1))));
        }
        table(labels, columns, System.out);
    }
}
