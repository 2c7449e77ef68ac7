package vn.dvk.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free loopback ports so that parallel test runs never collide. */
public final class FreePorts {

    private FreePorts() {
    }

    /** Returns {@code requested} unless it is 0, in which case a currently free loopback port. */
    public static int orFree(int requested) {
        return requested != 0 ? requested : free();
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
