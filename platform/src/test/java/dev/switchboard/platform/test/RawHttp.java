package dev.switchboard.platform.test;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** HTTP/1.1 written to a plain socket, for tests of what a server does with a kept-alive connection. */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code requests} as written and reads until what came back is {@code answered}; false when the connection
     * closes first or the socket's read timeout passes.
     */
    public static boolean exchange(Socket socket, String requests, Predicate<String> answered) throws IOException {
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            while (!answered.test(received.toString())) {
                int read = socket.getInputStream().read(buffer);
                if (read < 0) {
                    return false;
                }
                received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
