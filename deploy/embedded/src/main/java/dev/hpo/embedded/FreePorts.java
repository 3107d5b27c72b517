package dev.hpo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a TCP port on the loopback interface that nothing listens on right now. */
public final class FreePorts {

    /**
     * Ports are picked below Linux's default ephemeral range (32768–60999). A port from that range, free when
     * picked, can be taken by the local end of any outgoing connection before the server binds it; the port
     * numbers below it are only ever used by servers that ask for them.
     */
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    public static int find() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (isFree(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException(
                "no free port on loopback between " + LOWEST + " and " + HIGHEST + " after " + ATTEMPTS + " tries"));
    }

    /** True when {@code port} can be bound on loopback now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
