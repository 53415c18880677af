package io.wegate.server.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A relying party's back-channel logout endpoint: the JDK's HTTP server on 127.0.0.1, a port of its
 * own. It records every request and answers what the test says: 200 by default, any status, a
 * redirect, or nothing until {@link #release()} (a relying party that hangs).
 */
public final class BackChannelReceiver implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String contentType, String body) {

        /** The {@code logout_token} form parameter, or null. */
        public String logoutToken() {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals("logout_token")) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String location;
    private volatile CountDownLatch hold;
    private final CountDownLatch entered = new CountDownLatch(1);

    public BackChannelReceiver() {
        this(0);
    }

    /** On {@code port} (0: any free one). */
    public BackChannelReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                Request r = new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                all.add(r);
                entered.countDown();
                CountDownLatch h = hold;
                if (h != null) {
                    h.await();
                }
                if (location != null) {
                    exchange.getResponseHeaders().set("Location", location);
                }
                int s = status;
                exchange.sendResponseHeaders(s, s == 204 ? -1 : 0);
                received.add(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** Where the relying party takes logout tokens. */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/backchannel-logout";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code status} from now on. */
    public BackChannelReceiver answer(int status) {
        this.status = status;
        this.location = null;
        return this;
    }

    /** Answers a redirect to {@code to} from now on. */
    public BackChannelReceiver redirect(int status, String to) {
        this.status = status;
        this.location = to;
        return this;
    }

    /** Holds every request unanswered until {@link #release()}. */
    public BackChannelReceiver hang() {
        hold = new CountDownLatch(1);
        return this;
    }

    public void release() {
        CountDownLatch h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** Waits until a request has come in (answered or held). */
    public void awaitEntered() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no request came to " + uri());
        }
    }

    /** The next request answered, waiting for it (at most 30 s, then fails). */
    public Request take() throws InterruptedException {
        Request r = received.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no back-channel logout request came to " + uri());
        }
        return r;
    }

    /** Every request that came in so far, answered or not. */
    public List<Request> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
