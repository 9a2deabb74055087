package dev.poolse.sdk;

import java.io.IOException;
import java.net.InetAddress;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;

/** Bare HTTP stubs for the SDK's tests: loopback only, and a request nobody queued an answer for fails at once. */
public final class StubServers {
    private StubServers() {
    }

    /**
     * @return a started stub on a free loopback port; the caller shuts it down
     * @throws IOException if it cannot listen
     */
    public static MockWebServer startLoopback() throws IOException {
        MockWebServer server = new MockWebServer();
        ((QueueDispatcher) server.getDispatcher()).setFailFast(true);
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }
}
