package dev.poolse.sdk;

import okhttp3.mockwebserver.MockResponse;

/** Canned responses for the tests that run the SDK against a {@code MockWebServer}. */
public final class StubResponses {
    private StubResponses() {}

    /**
     * A JSON response.
     *
     * @param status the status code
     * @param body the JSON text
     * @return the response
     */
    public static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }
}
