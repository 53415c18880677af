package io.wegate.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loopback relying parties' back-channel logout endpoints (<a
 * href="https://openid.net/specs/openid-connect-backchannel-1_0.html#BCRequest">Back-Channel Logout 1.0 section
 * 2.5</a>: a form POST of {@code logout_token}, answered 200): each records when every logout token arrived and the
 * {@code sid} it names. The token's signature is not checked: the bench counts deliveries, the server's tests check
 * the tokens.
 */
final class BackChannelReceivers implements AutoCloseable {

    /** One logout token as it arrived: which receiver, its {@code sid} (null if unreadable), {@link System#nanoTime}. */
    record Arrival(int receiver, String sid, long nanos) {}

    /** wegate posts every logout token of an event at once: room for all of them to wait for accept. */
    private static final int BACKLOG = 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<HttpServer> servers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

    BackChannelReceivers(int count) throws IOException {
        for (int r = 0; r < count; r++) {
            int receiver = r;
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/backchannel-logout", exchange -> {
                long at = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                arrivals.add(new Arrival(receiver, sid(logoutToken(body)), at));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            // the redirect URI of the codes: never called (the driver reads the code off the 302)
            server.createContext("/callback", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            servers.add(server);
        }
    }

    String backChannelLogoutUri(int receiver) {
        return base(receiver) + "/backchannel-logout";
    }

    String redirectUri(int receiver) {
        return base(receiver) + "/callback";
    }

    private String base(int receiver) {
        return "http://127.0.0.1:" + servers.get(receiver).getAddress().getPort();
    }

    /** Every arrival so far. */
    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    int count() {
        return arrivals.size();
    }

    /** The {@code logout_token} of a form body, or null. */
    static String logoutToken(String formBody) {
        for (String pair : formBody.split("&")) {
            if (pair.startsWith("logout_token=")) {
                return URLDecoder.decode(pair.substring("logout_token=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The {@code sid} claim of a JWT, read without verifying it; null when there is none. */
    static String sid(String jwt) {
        if (jwt == null) {
            return null;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode sid = claims.get("sid");
            return sid == null || sid.isNull() ? null : sid.asString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
    }
}
