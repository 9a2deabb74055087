package dev.poolse.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A loopback HTTP peer that reads one request and never answers, so a test can see from the
 * server's side whether the client abandoned the exchange (closed or reset its connection), which
 * a client-side future alone cannot show.
 */
public final class SilentPeer implements AutoCloseable {
    private final ServerSocket listener;
    private Socket connection;

    /**
     * Listens on a free loopback port.
     *
     * @throws IOException if it cannot listen
     */
    public SilentPeer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /** @return the base URL to point a client at */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /**
     * Accepts the client's connection and reads its request head.
     *
     * @param within how long to wait for the connection and the head
     * @return the request line, e.g. {@code GET /v1/me HTTP/1.1}
     * @throws IOException if none arrives in time
     */
    public String awaitRequest(Duration within) throws IOException {
        listener.setSoTimeout((int) within.toMillis());
        connection = listener.accept();
        connection.setSoTimeout((int) within.toMillis());
        InputStream in = connection.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before its request head was complete: " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        return new String(text.substring(0, text.indexOf("\r\n")).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
    }

    /**
     * Waits for the client to give the connection up.
     *
     * @param within the bound
     * @return true if the client closed or reset the connection in time; false if it still held it
     * @throws IOException on another read failure
     */
    public boolean closedByClient(Duration within) throws IOException {
        connection.setSoTimeout((int) within.toMillis());
        InputStream in = connection.getInputStream();
        try {
            while (in.read() >= 0) {
                // a request body or a second request would still be the same connection: keep reading
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // a reset is an abort too
        }
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
        listener.close();
    }
}
