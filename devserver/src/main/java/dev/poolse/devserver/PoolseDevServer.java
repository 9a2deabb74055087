package dev.poolse.devserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.PoolseJson;
import dev.poolse.devserver.auth.TokenService;
import dev.poolse.devserver.faults.DevServerFaults;
import dev.poolse.devserver.http.ConnectionTimeouts;
import dev.poolse.devserver.http.HttpErrors;
import dev.poolse.devserver.http.HttpHandler;
import dev.poolse.devserver.http.RequestIdHandler;
import dev.poolse.devserver.http.SpecValidator;
import dev.poolse.devserver.realtime.RealtimeHub;
import dev.poolse.devserver.store.DevStore;
import dev.poolse.devserver.store.Tenant;
import dev.poolse.devserver.store.UserRecord;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory Poolse backend: the REST API of {@code spec/openapi.yaml} and the Phoenix Channels
 * gateway on one port, with fault injection for tests.
 *
 * <pre>{@code
 * try (PoolseDevServer server = PoolseDevServer.start(DevServerConfig.defaults())) {
 *   String token = server.mintToken("alice");
 *   // point a client at server.apiUrl() / server.wsUrl()
 * }
 * }</pre>
 *
 * <p>Threading: one Netty boss thread accepts connections and two worker threads serve them;
 * HTTP handlers, WebSocket frames, broadcasts and timers all run on those workers. The first
 * server of a JVM also parses the OpenAPI document once on a short-lived thread right after
 * binding (later servers reuse it). All are owned by this server and gone when {@link #close()}
 * returns. Every public method is thread-safe.
 */
public final class PoolseDevServer implements AutoCloseable {
  /** How long a connection refused with 413 is kept to drop the rest of its body before it closes. */
  private static final java.time.Duration OVERSIZED_DRAIN = java.time.Duration.ofSeconds(5);


  /** Pipeline names of the per-connection HTTP handlers. */
  private static final String TIMEOUT_BYTES = "timeout-bytes";
  private static final String TIMEOUT_MESSAGES = "timeout-messages";
  private static final String REQUEST_ID = "request-id";

  private final DevServerConfig config;
  private final ObjectMapper mapper = PoolseJson.newObjectMapper();
  private final DevStore store;
  private final TokenService tokens;
  private final DevServerCounters counters = new DevServerCounters();
  private final PushOutbox pushes = new PushOutbox();
  private final DevServerFaults faults;
  private final RealtimeHub hub;
  private final List<String> violations = new ArrayList<>();
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private volatile Channel serverChannel;
  private volatile Thread specLoader;
  private volatile URI apiUrl;
  private volatile boolean closed;

  @SuppressWarnings("deprecation") // NioEventLoopGroup: see below
  private PoolseDevServer(DevServerConfig config) {
    this.config = config;
    List<String> keys = new ArrayList<>();
    keys.add(config.apiKey());
    keys.addAll(config.extraApiKeys());
    this.store = new DevStore(keys);
    this.tokens = new TokenService(config.jwtSecret(), config.clock());
    // NioEventLoopGroup, deprecated in Netty 4.2 but present in 4.1 and 4.2 alike, so the server
    // also runs on the Netty 4.1 that Spring Boot 3.5 applications get.
    this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("poolse-devserver-boss", true));
    this.workers = new NioEventLoopGroup(2, new DefaultThreadFactory("poolse-devserver-io", true));
    this.faults = new DevServerFaults(new DevServerFaults.Hooks() {
      @Override
      public void dropSockets() {
        hub().dropAll();
      }

      @Override
      public void expireAllTokens() {
        tokens.expireAll();
      }

      @Override
      public java.util.concurrent.Future<?> scheduleAtFixedRate(Runnable task, Duration period) {
        return workers.next().scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
      }
    });
    this.hub = new RealtimeHub(mapper, (tenantId, userId, conversationId) -> {
      Tenant t = store.byId(tenantId);
      if (t == null) {
        return false;
      }
      synchronized (t) {
        var conv = t.conversations.get(conversationId);
        return conv != null && conv.members.containsKey(userId);
      }
    }, faults, counters, config.clock(), config.typingRateLimitPerSecond(), config.typingTimeout(),
        config.eventRetention(), this::callContext, pushes);
  }

  /** The store facts of a call invite, under the tenant lock; null for a non-member. */
  private RealtimeHub.CallContext callContext(UUID tenantId, UUID callerId, UUID conversationId) {
    Tenant t = store.byId(tenantId);
    if (t == null) {
      return null;
    }
    synchronized (t) {
      var conv = t.conversations.get(conversationId);
      if (conv == null || !conv.members.containsKey(callerId)) {
        return null;
      }
      OffsetDateTime now = OffsetDateTime.now(config.clock());
      t.pruneStaleDevices(now);
      java.util.Map<UUID, List<RealtimeHub.PushDevice>> devices = new java.util.LinkedHashMap<>();
      for (var d : t.devicesByToken.values()) {
        if (conv.members.containsKey(d.userId)) {
          devices.computeIfAbsent(d.userId, u -> new ArrayList<>())
              .add(new RealtimeHub.PushDevice(d.id, d.token, d.platform, d.environment));
        }
      }
      UserRecord caller = t.users.get(callerId);
      String name = caller.displayName != null ? caller.displayName : caller.externalId;
      return new RealtimeHub.CallContext(List.copyOf(conv.members.keySet()), name, devices);
    }
  }

  private RealtimeHub hub() {
    return hub;
  }

  /**
   * Starts a server and returns once it accepts connections.
   *
   * @param config the settings
   * @return the running server
   * @throws IllegalStateException when the port cannot be bound
   */
  public static PoolseDevServer start(DevServerConfig config) {
    Objects.requireNonNull(config, "config");
    PoolseDevServer server = new PoolseDevServer(config);
    try {
      server.bind();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void bind() {
    // Parsing the OpenAPI document is the slowest part of start-up: it happens on its own thread
    // once the port is bound, and the first validated request waits for it if it comes earlier.
    java.util.concurrent.CompletableFuture<SpecValidator> parsed = new java.util.concurrent.CompletableFuture<>();
    java.util.function.Supplier<SpecValidator> validator = parsed::join;
    HttpHandler http = new HttpHandler(new HttpHandler.Deps(config, mapper, store, tokens, hub, faults,
        counters, validator, this::recordViolation, () -> apiUrl, pushes));
    int maxContent = (int) Math.max(config.maxBodyBytes(), config.maxAttachmentBytes());
    ServerBootstrap b = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 256)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ConnectionTimeouts timeouts = new ConnectionTimeouts(config.readTimeout(), config.idleTimeout(),
                () -> HttpErrors.closing(mapper, 408, "request_timeout",
                    "The request did not arrive in full within " + config.readTimeout().toMillis() + " ms"));
            ch.pipeline().addLast(TIMEOUT_BYTES, timeouts.bytes());
            ch.pipeline().addLast(new HttpServerCodec(HttpHandler.MAX_INITIAL_LINE, HttpHandler.MAX_HEADER_BYTES, 8192));
            ch.pipeline().addLast(TIMEOUT_MESSAGES, timeouts.messages());
            ch.pipeline().addLast(REQUEST_ID, new RequestIdHandler());
            ch.pipeline().addLast(new HttpObjectAggregator(maxContent) {
              @Override
              protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
                // Refused on its Content-Length, before any of the body is read: only an upload
                // may be as large as an attachment; every other body is held to maxBodyBytes.
                return HttpUtil.getContentLength(start, -1L) > bodyLimit(start, maxContentLength);
              }

              /** A 413 was sent: the rest of the refused body is read and dropped, then the connection closes. */
              private boolean draining;

              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (!draining) {
                  super.channelRead(ctx, msg);
                  return;
                }
                boolean last = msg instanceof LastHttpContent;
                ReferenceCountUtil.release(msg);
                if (last) {
                  ctx.close();
                }
              }

              @Override
              protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
                counters.requestReceived();
                ctx.writeAndFlush(payloadTooLarge(bodyLimit(oversized, maxContent)));
                // Closing while the client still sends its body would make the kernel reset the
                // connection, and the client could lose the 413 it has not read yet. So the rest
                // of the body is read and dropped first, for a bounded time.
                draining = true;
                ctx.executor().schedule(() -> {
                  ctx.close();
                }, OVERSIZED_DRAIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
              }

              @Override
              protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
                // Netty answers a refused "Expect: 100-continue" with an empty 413 or 417; answer
                // with the error envelope instead (and close, see closeAfterContinueResponse).
                Object response = super.newContinueResponse(start, maxContentLength, pipeline);
                if (response instanceof FullHttpResponse
                    && ((FullHttpResponse) response).status().code() != HttpResponseStatus.CONTINUE.code()) {
                  int status = ((FullHttpResponse) response).status().code();
                  ((FullHttpResponse) response).release();
                  counters.requestReceived();
                  return status == 413 ? payloadTooLarge(maxContent)
                      : HttpErrors.closing(mapper, status, "expectation_failed",
                          "Only \"Expect: 100-continue\" is supported");
                }
                return response;
              }

              @Override
              protected boolean closeAfterContinueResponse(Object response) {
                return ((FullHttpResponse) response).status().code() != HttpResponseStatus.CONTINUE.code();
              }
            });
            ch.pipeline().addLast(http);
          }
        });
    try {
      serverChannel = b.bind(config.host(), config.port()).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot bind " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    Thread loader = new Thread(() -> {
      try {
        parsed.complete(SpecValidator.shared());
      } catch (Throwable t) {
        parsed.completeExceptionally(t);
      }
    }, "poolse-devserver-spec-loader");
    loader.setDaemon(true);
    loader.start();
    specLoader = loader;
    int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    apiUrl = URI.create("http://" + host + ":" + port);
  }

  /** The largest body {@code start} may carry: an attachment upload's limit, or {@code maxBodyBytes}. */
  private int bodyLimit(HttpMessage start, int uploadLimit) {
    boolean upload = start instanceof HttpRequest && ((HttpRequest) start).uri().startsWith("/_uploads/");
    return upload ? uploadLimit : config.maxBodyBytes();
  }

  private FullHttpResponse payloadTooLarge(int max) {
    return HttpErrors.closing(mapper, 413, "payload_too_large", "Request bodies are limited to " + max + " bytes");
  }

  private void recordViolation(String violation) {
    synchronized (violations) {
      violations.add(violation);
    }
  }

  /** {@return the REST base URL, e.g. {@code http://127.0.0.1:4000} (no trailing slash, no /v1)} */
  public URI apiUrl() {
    return apiUrl;
  }

  /** {@return the WebSocket base URL, e.g. {@code ws://127.0.0.1:4000} (the socket path is /socket)} */
  public URI wsUrl() {
    return URI.create("ws" + apiUrl.toString().substring("http".length()));
  }

  /** {@return the API key of the default tenant} */
  public String apiKey() {
    return config.apiKey();
  }

  /** {@return the settings this server runs with} */
  public DevServerConfig config() {
    return config;
  }

  /**
   * Mints an end-user JWT for a user of the default tenant, provisioning the user if needed.
   * Valid for the configured token TTL (one hour by default).
   *
   * @param externalId the tenant's id for the user
   * @return the JWT
   */
  public String mintToken(String externalId) {
    return mintToken(externalId, config.tokenTtl());
  }

  /**
   * Mints an end-user JWT for a user of the default tenant, provisioning the user if needed.
   *
   * @param externalId the tenant's id for the user
   * @param ttl the token's lifetime, positive
   * @return the JWT
   */
  public String mintToken(String externalId, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    Tenant tenant = store.byApiKey(config.apiKey());
    UserRecord user = provision(tenant, externalId);
    return tokens.mint(user.id, tenant.id, user.externalId, ttl).token();
  }

  /**
   * Mints an end-user JWT for a user of the tenant with the given API key.
   *
   * @param apiKey the tenant's API key (the main one or one added with {@code addTenant})
   * @param externalId the tenant's id for the user
   * @return the JWT, valid for the configured token TTL
   */
  public String mintTokenForTenant(String apiKey, String externalId) {
    Objects.requireNonNull(apiKey, "apiKey");
    Tenant tenant = store.byApiKey(apiKey);
    if (tenant == null) {
      throw new IllegalArgumentException("unknown API key");
    }
    UserRecord user = provision(tenant, externalId);
    return tokens.mint(user.id, tenant.id, user.externalId, config.tokenTtl()).token();
  }

  /**
   * The id of a user of the default tenant, provisioning the user if needed.
   *
   * @param externalId the tenant's id for the user
   * @return the Poolse user id
   */
  public UUID userId(String externalId) {
    return provision(store.byApiKey(config.apiKey()), externalId).id;
  }

  private UserRecord provision(Tenant tenant, String externalId) {
    Objects.requireNonNull(externalId, "externalId");
    if (externalId.isEmpty() || externalId.length() > 255) {
      throw new IllegalArgumentException("externalId must have 1..255 characters");
    }
    synchronized (tenant) {
      return tenant.provision(externalId,
          OffsetDateTime.now(config.clock()).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
    }
  }

  /** {@return the fault switches} */
  public DevServerFaults faults() {
    return faults;
  }

  /**
   * The VoIP pushes the server would have sent to APNs or FCM for incoming calls, oldest first
   * (the dev server talks to no push service). Also at {@code GET /_dev/pushes}.
   *
   * @return a snapshot of the push outbox
   */
  public List<PushOutbox.SentPush> sentPushes() {
    return pushes.snapshot();
  }

  /** {@return live counters} */
  public DevServerCounters counters() {
    return counters;
  }

  /**
   * Responses that did not match the OpenAPI document, as
   * {@code "METHOD /template -> status: problem"}; always empty in a correct server.
   *
   * @return a snapshot of the violations recorded so far
   */
  public List<String> specViolations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /**
   * Stops accepting connections, closes every connection and stops every server thread and
   * timer. Idempotent; returns when the threads are gone (at most a few seconds).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    faults.clear();
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    boss.terminationFuture().syncUninterruptibly();
    workers.terminationFuture().syncUninterruptibly();
    Thread loader = specLoader;
    if (loader != null) {
      // Only the first server of a JVM parses the document; wait for it so no thread outlives us.
      try {
        loader.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
