package io.wegate.server.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests: the one on this machine (127.0.0.1:6379) when it runs, else one started
 * from the embedded-redis jar. {@link #own()} always starts one the test controls (to stop it).
 */
public final class TestRedis {

    /** Host and port of a Redis, and the server object when the test started it. */
    public record Endpoint(String host, int port, RedisServer server) {}

    private static Endpoint shared;

    private TestRedis() {}

    public static synchronized Endpoint shared() {
        if (shared == null) {
            shared = !Boolean.getBoolean("wegate.test.own-databases") && listening(6379)
                    ? new Endpoint("127.0.0.1", 6379, null)
                    : own();
        }
        return shared;
    }

    /** A Redis of the test's own on a free port; stop and start it with {@link Endpoint#server()}. */
    public static Endpoint own() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
            return new Endpoint("127.0.0.1", port, server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start an embedded Redis", e);
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
