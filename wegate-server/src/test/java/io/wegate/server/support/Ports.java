package io.wegate.server.support;

import java.io.IOException;
import java.net.ServerSocket;

/** A loopback port for a test server that must be named before it starts (a relying party's redirect URI). */
public final class Ports {

    private Ports() {}

    public static int free() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
