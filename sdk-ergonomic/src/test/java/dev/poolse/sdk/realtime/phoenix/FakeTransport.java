package dev.poolse.sdk.realtime.phoenix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link Transport}: the test plays the server. */
public final class FakeTransport implements Transport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<FakeConnection> connections = new ArrayList<>();

    /** One fake connection. */
    public static final class FakeConnection implements Connection {
        public final URI uri;
        private final Listener listener;
        public final List<String> sent = new ArrayList<>();
        public boolean closedByClient;
        private boolean ended;

        FakeConnection(URI uri, Listener listener) {
            this.uri = uri;
            this.listener = listener;
        }

        @Override
        public void send(String text) {
            if (!ended) {
                sent.add(text);
            }
        }

        @Override
        public void close(int code, String reason) {
            closedByClient = true;
            end(code, reason, null);
        }

        /** The server accepts the upgrade. */
        public void open() {
            listener.onOpen();
        }

        /**
         * The server sends a text frame, handed over as its UTF-8 bytes as the Netty transport
         * does (so the client's typed decoding path is the one tested).
         *
         * @param text the frame
         */
        public void receive(String text) {
            if (!ended) {
                listener.onText(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        /**
         * The server sends a text frame, handed over as a {@code String} (a transport that has
         * no bytes).
         *
         * @param text the frame
         */
        public void receiveText(String text) {
            if (!ended) {
                listener.onText(text);
            }
        }

        /**
         * A frame that was already in flight when the connection ended (Netty may still hand one
         * over): delivered to the client even after the end.
         *
         * @param text the frame
         */
        public void receiveLate(String text) {
            listener.onText(text);
        }

        /**
         * The server or network ends the connection.
         *
         * @param code close code
         * @param cause failure, or null
         */
        public void end(int code, String reason, Throwable cause) {
            if (!ended) {
                ended = true;
                listener.onClose(code, reason, cause);
            }
        }

        /**
         * The sent frames parsed.
         *
         * @return frames as JSON arrays
         */
        public List<JsonNode> sentFrames() {
            List<JsonNode> out = new ArrayList<>();
            for (String s : sent) {
                try {
                    out.add(MAPPER.readTree(s));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return out;
        }

        /**
         * The last sent frame with the given event.
         *
         * @param event the event
         * @return the frame
         */
        public JsonNode last(String event) {
            List<JsonNode> frames = sentFrames();
            for (int i = frames.size() - 1; i >= 0; i--) {
                if (frames.get(i).get(3).asText().equals(event)) {
                    return frames.get(i);
                }
            }
            throw new AssertionError("no " + event + " sent; sent: " + sent);
        }

        /**
         * Frames sent with the given event.
         *
         * @param event the event
         * @return the count
         */
        public long count(String event) {
            return sentFrames().stream().filter(f -> f.get(3).asText().equals(event)).count();
        }

        /**
         * Replies ok to the last push of the event.
         *
         * @param event e.g. phx_join
         * @param response response JSON
         */
        public void replyOk(String event, String response) {
            reply(event, "ok", response);
        }

        /**
         * Replies to the last push of the event.
         *
         * @param event the event
         * @param status ok or error
         * @param response response JSON
         */
        public void reply(String event, String status, String response) {
            JsonNode push = last(event);
            String joinRef = push.get(0).isNull() ? "null" : "\"" + push.get(0).asText() + "\"";
            receive("[" + joinRef + ",\"" + push.get(1).asText() + "\",\"" + push.get(2).asText()
                    + "\",\"phx_reply\",{\"status\":\"" + status + "\",\"response\":" + response + "}]");
        }
    }

    @Override
    public Connection connect(URI uri, Listener listener) {
        FakeConnection c = new FakeConnection(uri, listener);
        connections.add(c);
        return c;
    }

    /**
     * All connection attempts so far.
     *
     * @return the attempts
     */
    public List<FakeConnection> connections() {
        return connections;
    }

    /**
     * The latest attempt.
     *
     * @return the connection
     */
    public FakeConnection last() {
        if (connections.isEmpty()) {
            throw new AssertionError("no connection attempt");
        }
        return connections.get(connections.size() - 1);
    }
}
