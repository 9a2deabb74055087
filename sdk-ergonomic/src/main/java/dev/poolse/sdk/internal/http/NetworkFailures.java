package dev.poolse.sdk.internal.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Words for a failed exchange: what failed ({@code GET https://host/path}, never the query, which
 * may hold a presigned URL's signature) and why ({@code connection refused: 127.0.0.1:1}), so an
 * exception message is useful without its cause chain.
 */
public final class NetworkFailures {
    private NetworkFailures() {}

    /**
     * The URL for a message: scheme, host, port and path, without user info, query or fragment.
     *
     * @param uri the request URL
     * @return the printable URL
     */
    public static String redact(URI uri) {
        StringBuilder s = new StringBuilder();
        if (uri.getScheme() != null) {
            s.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            s.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            s.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            s.append(uri.getRawPath());
        }
        return s.toString();
    }

    /**
     * Why an exchange produced no response, in words: {@code connection refused: 127.0.0.1:1},
     * {@code unknown host: api.example.invalid}, {@code TLS handshake failed: ...},
     * {@code connect timed out: host:port}, or the I/O failure's own message.
     *
     * @param cause the failure (its cause chain is searched)
     * @param uri the request URL, for the host and port
     * @return a short description, never just a class name
     */
    public static String describe(Throwable cause, URI uri) {
        String address = hostAndPort(uri);
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return "unknown host: " + (uri.getHost() == null ? address : uri.getHost());
            }
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return "TLS handshake failed: " + (c.getMessage() == null ? "no reason given" : c.getMessage());
            }
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "connect timed out: " + address;
            }
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                String m = deepestMessage(c);
                if (m == null || m.toLowerCase(Locale.ROOT).contains("refused")) {
                    return "connection refused: " + address;
                }
                return "could not connect to " + address + ": " + m;
            }
        }
        if (cause instanceof HttpTimeoutException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String m = deepestMessage(cause);
        if (m != null) {
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("reset")) {
                return "connection reset by " + address;
            }
            if (lower.contains("received no bytes") || lower.contains("eof")) {
                return "connection closed by " + address + " before a complete response (" + m + ")";
            }
            return m;
        }
        return "I/O failure without a message (" + cause.getClass().getName() + ")";
    }

    private static String deepestMessage(Throwable t) {
        String found = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                found = c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return found;
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return uri.getHost() + ":" + port;
    }
}
