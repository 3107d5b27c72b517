package dev.hpo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a TCP port on the loopback interface that nothing listens on right now and that this JVM has not handed
 * out before. Callers often draw several ports before binding any (one per service of a stack), so a port that is
 * merely free could be drawn twice; each port handed out is remembered, with the {@link #BLOCK} ports from it,
 * and no later draw lands in that block. A caller may therefore also use the next few ports above one it got (the
 * local stack gives its runners {@code runnerPort + n}).
 */
public final class FreePorts {

    /**
     * Ports are picked below Linux's default ephemeral range (32768–60999). A port from that range, free when
     * picked, can be taken by the local end of any outgoing connection before the server binds it; the port
     * numbers below it are only ever used by servers that ask for them.
     */
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;
    /** Each port handed out keeps itself and the {@code BLOCK - 1} ports above it from later draws. */
    static final int BLOCK = 16;
    private static final int ATTEMPTS = 200;

    /** The ports handed out in this JVM. */
    private static final TreeSet<Integer> HANDED_OUT = new TreeSet<>();

    private FreePorts() {
    }

    public static int find() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - BLOCK + 1);
            if (claim(port)) {
                if (isFree(port)) {
                    return port;
                }
                release(port);
            }
        }
        throw new UncheckedIOException(new IOException("no free port on loopback between " + LOWEST + " and "
                + HIGHEST + " after " + ATTEMPTS + " tries (" + handedOut() + " handed out already)"));
    }

    /** Remembers {@code port} unless its block overlaps the block of a port handed out before. */
    private static synchronized boolean claim(int port) {
        Integer below = HANDED_OUT.floor(port);
        Integer above = HANDED_OUT.ceiling(port);
        if ((below != null && port - below < BLOCK) || (above != null && above - port < BLOCK)) {
            return false;
        }
        HANDED_OUT.add(port);
        return true;
    }

    private static synchronized void release(int port) {
        HANDED_OUT.remove(port);
    }

    static synchronized int handedOut() {
        return HANDED_OUT.size();
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
