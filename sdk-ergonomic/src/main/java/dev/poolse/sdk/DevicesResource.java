package dev.poolse.sdk;

import dev.poolse.client.api.DevicesApi;
import dev.poolse.client.model.Device;
import dev.poolse.client.model.DeviceEnvironment;
import dev.poolse.client.model.DevicePlatform;
import dev.poolse.client.model.RegisterDeviceRequest;
import dev.poolse.sdk.internal.http.Calls;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The current user's push destinations ({@code /v1/devices}): where the server sends the VoIP
 * push that rings a callee whose socket is asleep. Obtain with {@link Poolse#devices()}.
 * Thread-safe.
 *
 * <p>Register on every app launch (PushKit hands out a token on every launch and may rotate it):
 * registration is idempotent and refreshes the device's {@code last_registered_at}, and the server
 * prunes devices that stop re-registering. Unregister on sign-out. The server never returns the
 * token.
 */
public final class DevicesResource {
    /** Longest push token the server accepts. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final RestCore core;

    DevicesResource(RestCore core) {
        this.core = core;
    }

    /**
     * Registers (or refreshes) a push token of the current user.
     *
     * @param token the push token; on iOS the PushKit VoIP token, not the regular APNs token
     * @param platform the push platform
     * @param environment the APNs environment that issued the token ({@code SANDBOX} for debug
     *     and development-entitlement builds)
     * @return the device, without its token
     * @throws IllegalArgumentException if {@code token} is blank or longer than {@value #MAX_TOKEN_LENGTH}
     */
    public Device register(String token, DevicePlatform platform, DeviceEnvironment environment) {
        return register(request(token, platform, environment), RequestOptions.defaults());
    }

    /**
     * Registers (or refreshes) a push token of the current user.
     *
     * @param request the token, platform and optional environment ({@code production} when absent)
     * @return the device, without its token
     */
    public Device register(RegisterDeviceRequest request) {
        return register(request, RequestOptions.defaults());
    }

    /**
     * Registers (or refreshes) a push token of the current user, with per-call options.
     *
     * @param request the token, platform and optional environment
     * @param options per-call options
     * @return the device, without its token
     */
    public Device register(RegisterDeviceRequest request, RequestOptions options) {
        validate(request);
        Objects.requireNonNull(options, "options");
        return Calls.blocking(() -> registerAsync(request, options));
    }

    /**
     * Starts {@link #register(RegisterDeviceRequest)}.
     *
     * @param request the token, platform and optional environment
     * @return a future of the device; cancelling it aborts the request
     */
    public CompletableFuture<Device> registerAsync(RegisterDeviceRequest request) {
        return registerAsync(request, RequestOptions.defaults());
    }

    /**
     * Starts {@link #register(RegisterDeviceRequest, RequestOptions)}.
     *
     * @param request the token, platform and optional environment
     * @param options per-call options
     * @return a future of the device; cancelling it aborts the request
     */
    public CompletableFuture<Device> registerAsync(RegisterDeviceRequest request, RequestOptions options) {
        validate(request);
        Objects.requireNonNull(options, "options");
        return core.call(options, Device.class, DevicesApi.class, (api, key) -> api.registerDevice(request, key));
    }

    /**
     * Unregisters a push token of the current user; call it on sign-out. Unregistering an unknown
     * token succeeds and changes nothing.
     *
     * @param token the raw push token, as registered
     */
    public void unregister(String token) {
        unregister(token, RequestOptions.defaults());
    }

    /**
     * Unregisters a push token of the current user, with per-call options.
     *
     * @param token the raw push token, as registered
     * @param options per-call options
     */
    public void unregister(String token, RequestOptions options) {
        validateToken(token);
        Objects.requireNonNull(options, "options");
        Calls.blocking(() -> unregisterAsync(token, options));
    }

    /**
     * Starts {@link #unregister(String)}.
     *
     * @param token the raw push token, as registered
     * @return a future that completes when the server has forgotten the token
     */
    public CompletableFuture<Void> unregisterAsync(String token) {
        return unregisterAsync(token, RequestOptions.defaults());
    }

    /**
     * Starts {@link #unregister(String, RequestOptions)}.
     *
     * @param token the raw push token, as registered
     * @param options per-call options
     * @return a future that completes when the server has forgotten the token
     */
    public CompletableFuture<Void> unregisterAsync(String token, RequestOptions options) {
        validateToken(token);
        Objects.requireNonNull(options, "options");
        return core.callWithLastSegment(options, Void.class, DevicesApi.class, "token", token,
                (api, key) -> api.unregisterDevice("token", key));
    }

    private static RegisterDeviceRequest request(String token, DevicePlatform platform, DeviceEnvironment environment) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(environment, "environment");
        return new RegisterDeviceRequest().token(token).platform(platform).environment(environment);
    }

    private static void validate(RegisterDeviceRequest request) {
        Objects.requireNonNull(request, "request");
        validateToken(request.getToken());
        Objects.requireNonNull(request.getPlatform(), "request.platform");
    }

    private static void validateToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token must be at most " + MAX_TOKEN_LENGTH + " characters, got "
                    + token.length());
        }
    }
}
