package dev.poolse.devserver;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of a {@link PoolseDevServer}. Create one with {@link #builder()} or take
 * {@link #defaults()} (an ephemeral port, suitable for tests).
 */
public final class DevServerConfig {

  /** The API key of the default tenant unless configured otherwise. */
  public static final String DEFAULT_API_KEY = "pk_test_poolse_dev";

  private final String host;
  private final int port;
  private final String apiKey;
  private final List<String> extraApiKeys;
  private final boolean admin;
  private final int rateLimitPerSecond;
  private final long maxAttachmentBytes;
  private final int maxBodyBytes;
  private final byte[] jwtSecret;
  private final Duration idleTimeout;
  private final Duration readTimeout;
  private final Clock clock;
  private final boolean validateResponses;
  private final int typingRateLimitPerSecond;
  private final Duration typingTimeout;
  private final Duration tokenTtl;
  private final int eventRetention;
  private final String sfuUrl;
  private final Duration iceTtl;
  private final byte[] turnSecret;

  private DevServerConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.apiKey = b.apiKey;
    this.extraApiKeys = List.copyOf(b.extraApiKeys);
    this.admin = b.admin;
    this.rateLimitPerSecond = b.rateLimitPerSecond;
    this.maxAttachmentBytes = b.maxAttachmentBytes;
    this.maxBodyBytes = b.maxBodyBytes;
    this.jwtSecret = b.jwtSecret != null ? b.jwtSecret.clone() : randomSecret();
    this.idleTimeout = b.idleTimeout;
    this.readTimeout = b.readTimeout;
    this.clock = b.clock;
    this.validateResponses = b.validateResponses;
    this.typingRateLimitPerSecond = b.typingRateLimitPerSecond;
    this.typingTimeout = b.typingTimeout;
    this.tokenTtl = b.tokenTtl;
    this.eventRetention = b.eventRetention;
    this.sfuUrl = b.sfuUrl;
    this.iceTtl = b.iceTtl;
    this.turnSecret = b.turnSecret != null ? b.turnSecret.clone() : randomSecret();
    if (extraApiKeys.contains(apiKey)) {
      throw new IllegalArgumentException("extra API key duplicates the main API key: " + apiKey);
    }
    if (extraApiKeys.stream().distinct().count() != extraApiKeys.size()) {
      throw new IllegalArgumentException("extra API keys must be distinct: " + extraApiKeys);
    }
  }

  private static byte[] randomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /**
   * Settings for embedded use: 127.0.0.1, an ephemeral port, admin routes on, response validation
   * on.
   *
   * @return the default settings
   */
  public static DevServerConfig defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the embedded defaults (see {@link #defaults()}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the address the server binds to} */
  public String host() {
    return host;
  }

  /** {@return the port to bind, 0 for any free port} */
  public int port() {
    return port;
  }

  /** {@return the API key of the default tenant} */
  public String apiKey() {
    return apiKey;
  }

  /** {@return API keys of further tenants, each its own isolated tenant} */
  public List<String> extraApiKeys() {
    return extraApiKeys;
  }

  /** {@return whether the {@code /_dev/} control routes are served} */
  public boolean admin() {
    return admin;
  }

  /** {@return requests per second allowed per user (or per API key), 0 when unlimited} */
  public int rateLimitPerSecond() {
    return rateLimitPerSecond;
  }

  /** {@return the largest attachment accepted, in bytes} */
  public long maxAttachmentBytes() {
    return maxAttachmentBytes;
  }

  /** {@return the largest JSON request body accepted, in bytes} */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** {@return a copy of the HS256 secret that signs user tokens and presigned URLs} */
  public byte[] jwtSecret() {
    return jwtSecret.clone();
  }

  /**
   * How long a connection with nothing in progress may stay silent before the server closes it:
   * an HTTP keep-alive connection between a response and the first byte of its next request, or
   * a WebSocket that sends nothing (Phoenix drops those after 60 s, the default).
   *
   * @return the idle timeout
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * How long an HTTP request may take to arrive in full, from its first byte (or, on a fresh
   * connection, from the connect) to the end of its body. A request still incomplete by then is
   * answered 408 {@code request_timeout} and its connection closed; a fresh connection that sent
   * nothing at all is closed without a response. The default is 30 s.
   *
   * @return the read timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** {@return the clock for timestamps and token expiry} */
  public Clock clock() {
    return clock;
  }

  /**
   * {@return whether every API response is checked against the OpenAPI document; a response that violates it is logged, recorded ({@link PoolseDevServer#specViolations()}) and replaced by a 500 {@code internal_error}}
   *
   */
  public boolean validateResponses() {
    return validateResponses;
  }

  /** {@return accepted {@code typing} pushes per second per socket and topic, 0 when unlimited} */
  public int typingRateLimitPerSecond() {
    return typingRateLimitPerSecond;
  }

  /** {@return how long after the last {@code typing} push the server broadcasts {@code typing:stop}} */
  public Duration typingTimeout() {
    return typingTimeout;
  }

  /** {@return the lifetime of tokens minted by {@code POST /v1/users/{id}/tokens}} */
  public Duration tokenTtl() {
    return tokenTtl;
  }

  /**
   * {@return how many durable events (revisions) each conversation keeps for {@code GET /v1/conversations/{id}/events}; older ones answer 410 {@code events_expired}}
   *
   */
  public int eventRetention() {
    return eventRetention;
  }

  /**
   * {@return the LiveKit URL that {@code POST /v1/conversations/{id}/call-token} hands out, or
   * null when the server acts as a deployment without an SFU (the route answers 503)}
   */
  public String sfuUrl() {
    return sfuUrl;
  }

  /** {@return how long the TURN credentials of {@code GET /v1/ice-servers} stay valid} */
  public Duration iceTtl() {
    return iceTtl;
  }

  /** {@return the shared secret of the TURN REST credentials (and of the SFU tokens); a copy} */
  public byte[] turnSecret() {
    return turnSecret.clone();
  }

  /** A mutable builder of {@link DevServerConfig}; not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 0;
    private String apiKey = DEFAULT_API_KEY;
    private final List<String> extraApiKeys = new ArrayList<>();
    private boolean admin = true;
    private int rateLimitPerSecond = 1000;
    private long maxAttachmentBytes = 25L * 1024 * 1024;
    private int maxBodyBytes = 1024 * 1024;
    private byte[] jwtSecret;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private boolean validateResponses = true;
    private int typingRateLimitPerSecond = 5;
    private Duration typingTimeout = Duration.ofSeconds(4);
    private Duration tokenTtl = Duration.ofHours(1);
    private int eventRetention = 10_000;
    private String sfuUrl;
    private Duration iceTtl = Duration.ofHours(1);
    private byte[] turnSecret;

    private Builder() {}

    /**
     * {@return this builder}
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param port the port to bind, 0 for any free port
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param apiKey the API key of the default tenant
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = requireKey(apiKey);
      return this;
    }

    /**
     * Adds a further tenant, reachable with its own API key and invisible to the others.
     *
     * @param apiKey the tenant's API key
     * @return this builder
     */
    public Builder addTenant(String apiKey) {
      extraApiKeys.add(requireKey(apiKey));
      return this;
    }

    private static String requireKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank() || apiKey.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("API key must be non-blank without whitespace");
      }
      return apiKey;
    }

    /**
     * {@return this builder}
     *
     * @param admin whether to serve the {@code /_dev/} control routes
     */
    public Builder admin(boolean admin) {
      this.admin = admin;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param perSecond requests per second allowed per user, 0 to disable the limit
     */
    public Builder rateLimit(int perSecond) {
      if (perSecond < 0) {
        throw new IllegalArgumentException("rateLimit must be >= 0, got " + perSecond);
      }
      this.rateLimitPerSecond = perSecond;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param bytes the largest attachment accepted
     */
    public Builder maxAttachmentBytes(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 1024) {
        throw new IllegalArgumentException("maxAttachmentBytes must be within 1..2^31-1025, got " + bytes);
      }
      this.maxAttachmentBytes = bytes;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param bytes the largest JSON request body accepted
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 1024, got " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param secret the HS256 secret, at least 32 bytes (UTF-8)
     */
    public Builder jwtSecret(String secret) {
      Objects.requireNonNull(secret, "secret");
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 32) {
        throw new IllegalArgumentException("jwtSecret must be at least 32 bytes for HS256");
      }
      this.jwtSecret = bytes;
      return this;
    }

    /**
     * Sets how long a connection with nothing in progress is kept open while silent: an idle
     * HTTP keep-alive connection or a WebSocket that sends nothing (default 60 s).
     *
     * @param idleTimeout the idle timeout, positive
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = requirePositive(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * Sets how long an HTTP request may take to arrive in full (headers and body, counted from
     * its first byte, or from the connect for a connection's first request); a slower request is
     * answered 408 and its connection closed (default 30 s). See {@link DevServerConfig#readTimeout()}.
     *
     * @param readTimeout the read timeout, positive
     * @return this builder
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = requirePositive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * Sets the clock for timestamps and token expiry (tests pin it).
     *
     * @param clock the clock for timestamps and token expiry
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param validate whether to check every API response against the OpenAPI document (a
     *     violating response is recorded and answered as 500 instead)
     */
    public Builder validateResponses(boolean validate) {
      this.validateResponses = validate;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param perSecond accepted {@code typing} pushes per second per socket and topic, 0 for no limit
     */
    public Builder typingRateLimit(int perSecond) {
      if (perSecond < 0) {
        throw new IllegalArgumentException("typingRateLimit must be >= 0, got " + perSecond);
      }
      this.typingRateLimitPerSecond = perSecond;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param timeout silence after which {@code typing:stop} is broadcast
     */
    public Builder typingTimeout(Duration timeout) {
      this.typingTimeout = requirePositive(timeout, "typingTimeout");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param ttl lifetime of tokens minted over REST and by {@link PoolseDevServer#mintToken(String)}
     */
    public Builder tokenTtl(Duration ttl) {
      this.tokenTtl = requirePositive(ttl, "tokenTtl");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param events durable events kept per conversation for replay (default 10,000; the spec
     *     promises at least 1,000), at least 1
     */
    public Builder eventRetention(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("eventRetention must be >= 1, got " + events);
      }
      this.eventRetention = events;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param url the LiveKit WebSocket URL ({@code ws://} or {@code wss://}) that call tokens
     *     point to, or null (the default) for a deployment without an SFU, whose call-token route
     *     answers 503 {@code sfu_unavailable}
     */
    public Builder sfuUrl(String url) {
      if (url != null && !url.startsWith("ws://") && !url.startsWith("wss://")) {
        throw new IllegalArgumentException("sfuUrl must start with ws:// or wss://, got " + url);
      }
      this.sfuUrl = url;
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param ttl how long TURN credentials stay valid (default one hour), positive
     */
    public Builder iceTtl(Duration ttl) {
      this.iceTtl = requirePositive(ttl, "iceTtl");
      return this;
    }

    /**
     * {@return this builder}
     *
     * @param secret the TURN REST shared secret (default: random per server), non-empty
     */
    public Builder turnSecret(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("turnSecret must not be empty");
      }
      this.turnSecret = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return this;
    }

    private static Duration requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    /** {@return the immutable configuration} */
    public DevServerConfig build() {
      return new DevServerConfig(this);
    }
  }
}
