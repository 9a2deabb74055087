package dev.poolse.devserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolse.client.model.ErrorBody;
import dev.poolse.client.model.ErrorEnvelope;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.DevServerCounters;
import dev.poolse.devserver.auth.TokenService;
import dev.poolse.devserver.faults.DevServerFaults;
import dev.poolse.devserver.realtime.RealtimeHub;
import dev.poolse.devserver.realtime.SocketSession;
import dev.poolse.devserver.realtime.WebSocketHandler;
import dev.poolse.devserver.store.AttachmentRecord;
import dev.poolse.devserver.store.DevStore;
import dev.poolse.devserver.store.IdempotencyCache;
import dev.poolse.devserver.store.Tenant;
import dev.poolse.devserver.store.UserRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP entry point: routing, authentication, rate limiting, validation against the OpenAPI
 * document, idempotency, fault injection, uploads, the {@code /_dev/} control routes and the
 * WebSocket upgrade. Shared by every connection ({@link ChannelHandler.Sharable}) and run on the
 * connections' event loops; the only blocking it does is taking a tenant lock for the short
 * in-memory work of one request.
 */
@ChannelHandler.Sharable
public final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
  private static final String DOCS = HttpErrors.DOCS;
  private static final String SOCKET_PATH = "/socket/websocket";
  private static final String BEARER_CHALLENGE = "Bearer realm=\"poolse\"";

  /** The longest request line (method, URI, version) read; a longer one is answered 414. */
  public static final int MAX_INITIAL_LINE = 4096;
  /** The most header bytes of a request read; more are answered 431. */
  public static final int MAX_HEADER_BYTES = 8192;

  /**
   * What the handler needs from the server.
   *
   * @param config the configuration
   * @param mapper the wire mapper
   * @param store the tenants
   * @param tokens the token service
   * @param hub the realtime hub
   * @param faults the fault switches
   * @param counters the counters
   * @param validator the spec validator (may block on first use while the document is parsed)
   * @param violations receives every spec violation of a response
   * @param apiUrl the server's base URL, known once bound
   * @param pushes the VoIP pushes the server would have sent, shown at {@code GET /_dev/pushes}
   */
  public record Deps(DevServerConfig config, ObjectMapper mapper, DevStore store, TokenService tokens,
      RealtimeHub hub, DevServerFaults faults, DevServerCounters counters, Supplier<SpecValidator> validator,
      Consumer<String> violations, Supplier<URI> apiUrl, dev.poolse.devserver.PushOutbox pushes) {}

  private record Response(int status, byte[] body, String contentType, Map<String, String> headers) {}

  private final Deps deps;
  private final RestApi api;
  private final UploadSigner signer;
  private final RateLimiter rateLimiter;

  /**
   * Creates the handler of one HTTP connection.
   *
   * @param deps what the handler needs
   */
  public HttpHandler(Deps deps) {
    this.deps = deps;
    this.signer = new UploadSigner(deps.config().jwtSecret());
    this.rateLimiter = new RateLimiter(deps.config().rateLimitPerSecond());
    this.api = new RestApi(deps.mapper(), deps.tokens(), deps.hub(), deps.counters(), signer,
        deps.config().clock(), deps.config().tokenTtl(), deps.config().maxAttachmentBytes(),
        deps.apiUrl(), new RestApi.CallMedia(deps.config().sfuUrl(), deps.config().iceTtl(),
            deps.config().turnSecret()));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    deps.counters().requestReceived();
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    String path = uri.rawPath();
    // HEAD is the GET of the same route, answered without its body (see write).
    String method = HttpMethod.HEAD.equals(req.method()) ? "GET" : req.method().name();
    try {
      if (!req.decoderResult().isSuccess()) {
        write(ctx, req, unreadable(req.decoderResult().cause()), null, DevServerFaults.Decision.NONE);
      } else if (path.equals(SOCKET_PATH)) {
        upgrade(ctx, req, uri);
      } else if (path.startsWith("/spec/")) {
        write(ctx, req, spec(method, path), null, DevServerFaults.Decision.NONE);
      } else if (path.startsWith("/_dev/") && deps.config().admin()) {
        write(ctx, req, admin(method, path, req), null, DevServerFaults.Decision.NONE);
      } else if (path.startsWith("/_uploads/")) {
        DevServerFaults.Decision d = deps.faults().decide(path);
        Response r = d.action() == DevServerFaults.Action.FAIL ? injected(d) : upload(method, path, uri, req);
        write(ctx, req, r, null, d);
      } else {
        api(ctx, req, uri, method, path);
      }
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", method, path, e);
      write(ctx, req, error(500, "internal_error", "Something went wrong on our side"), null, DevServerFaults.Decision.NONE);
    }
  }

  /**
   * The answer to a request the HTTP decoder gave up on (the connection closes after it: the
   * decoder discards the rest of its bytes).
   */
  private Response unreadable(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return error(414, "uri_too_long", "The request line is longer than " + MAX_INITIAL_LINE + " bytes");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return error(431, "headers_too_large", "The request headers are larger than " + MAX_HEADER_BYTES + " bytes");
    }
    LOG.debug("unreadable request", cause);
    return error(400, "malformed_request", "The request could not be read"
        + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""));
  }

  // ---- REST API ----

  private void api(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri,
      String method, String path) {
    String[] segments = path.length() <= 1 ? new String[0] : path.substring(1).split("/", -1);
    Route route = null;
    Map<String, String> params = null;
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : api.routes()) {
      Map<String, String> p = r.match(segments);
      if (p != null) {
        allowed.add(r.method);
        if (r.method.equals(method)) {
          route = r;
          params = p;
        }
      }
    }
    if (route == null) {
      Response r = allowed.isEmpty()
          ? error(404, "not_found", "No route for " + method + " " + path)
          : withHeader(error(405, "method_not_allowed", "Method " + method + " is not allowed here"),
              "Allow", allowHeader(allowed));
      write(ctx, req, r, null, DevServerFaults.Decision.NONE);
      return;
    }
    DevServerFaults.Decision decision = deps.faults().decide(path);
    if (decision.action() == DevServerFaults.Action.FAIL) {
      write(ctx, req, injected(decision), route, decision);
      return;
    }
    Response response;
    try {
      response = execute(req, uri, method, path, route, params);
    } catch (ApiException e) {
      response = error(e);
    }
    write(ctx, req, response, route, decision);
  }

  private Response execute(FullHttpRequest req, QueryStringDecoder uri, String method, String path,
      Route route, Map<String, String> rawParams) {
    String credential = bearer(req);
    Tenant tenant;
    UserRecord user = null;
    String caller;
    if (route.auth == Route.Auth.API_KEY) {
      tenant = deps.store().byApiKey(credential);
      if (tenant == null) {
        // Say which credential goes where: a backend that sends a user's JWT here has mixed them up.
        throw unauthorized("unauthorized", credential == null ? "An API key is required"
            : looksLikeJwt(credential) ? "This route takes the tenant API key, not an end-user token"
            : "The API key is invalid", credential != null);
      }
      caller = "key:" + tenant.id;
    } else {
      TokenService.Claims claims;
      try {
        claims = deps.tokens().verify(credential);
      } catch (TokenService.InvalidTokenException e) {
        String message = credential != null && deps.store().byApiKey(credential) != null
            ? "This route takes an end-user token, not the tenant API key; mint one with"
                + " POST /v1/users/{user_id}/tokens"
            : e.getMessage();
        throw unauthorized(credential == null ? "unauthorized" : "invalid_user_token", message, credential != null);
      }
      tenant = deps.store().byId(claims.tenantId());
      if (tenant != null) {
        synchronized (tenant) {
          user = tenant.users.get(claims.userId());
        }
      }
      if (user == null) {
        throw unauthorized("invalid_user_token", "The user of this token does not exist", true);
      }
      caller = "user:" + user.id;
    }
    long retryAfter = rateLimiter.acquire(caller, deps.config().clock().millis());
    if (retryAfter > 0) {
      deps.counters().rateLimitedOnce();
      throw new ApiException(429, "rate_limited", "Too many requests; retry after " + retryAfter + " seconds")
          .header("Retry-After", Long.toString(retryAfter));
    }

    Map<String, String> params = new LinkedHashMap<>();
    rawParams.forEach((k, v) -> params.put(k, percentDecode(v)));
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().endsWith("_id") && !isUuid(e.getValue())) {
        throw ApiException.notFound(RestApi.label(e.getKey()));
      }
    }

    ByteBuf content = req.content();
    String bodyText = null;
    JsonNode body = null;
    if (content.isReadable()) {
      if (content.readableBytes() > deps.config().maxBodyBytes()) {
        throw new ApiException(413, "payload_too_large",
            "Request bodies are limited to " + deps.config().maxBodyBytes() + " bytes");
      }
      String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
      if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw new ApiException(400, "malformed_request", "Request bodies must be application/json");
      }
      bodyText = utf8(content);
      body = readJson(bodyText);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", req.headers().get(HttpHeaderNames.CONTENT_TYPE, "application/json"));
    String idempotencyKey = req.headers().get("Idempotency-Key");
    if (idempotencyKey != null) {
      headers.put("Idempotency-Key", idempotencyKey);
    }
    Map<String, Object> problems = deps.validator().get().validateRequest(method, path,
        uri.parameters(), headers, bodyText);
    if (!problems.isEmpty()) {
      throw new ApiException(422, "validation_failed", "The request is invalid", problems);
    }

    OffsetDateTime now = OffsetDateTime.now(deps.config().clock()).withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MILLIS);
    RestApi.Call call = new RestApi.Call(tenant, user, params, uri.parameters(), body, now);
    boolean idempotent = idempotencyKey != null && !"GET".equals(method);
    String requestHash = idempotent ? sha256(body == null ? "" : canonical(body)) : null;
    synchronized (tenant) {
      if (idempotent) {
        IdempotencyCache.Entry cached = tenant.idempotency.find(method, path, idempotencyKey, now.toInstant());
        if (cached != null) {
          if (!cached.requestHash().equals(requestHash)) {
            throw new ApiException(409, "idempotency_key_reused",
                "This Idempotency-Key was used with a different request body");
          }
          deps.counters().replayed();
          Map<String, String> h = new LinkedHashMap<>();
          h.put("Idempotent-Replayed", "true");
          return new Response(cached.status(), cached.body(), cached.body().length == 0 ? null : "application/json", h);
        }
      }
      Route.Result result = route.handler.handle(call);
      byte[] bytes = result.body() == null ? new byte[0] : json(result.body());
      if (idempotent && result.status() >= 200 && result.status() < 300) {
        tenant.idempotency.put(method, path, idempotencyKey,
            new IdempotencyCache.Entry(requestHash, result.status(), bytes, now.toInstant()));
      }
      return new Response(result.status(), bytes, bytes.length == 0 ? null : "application/json", new LinkedHashMap<>());
    }
  }

  /**
   * A 401 with the RFC 6750 challenge, so that clients and proxies know a bearer credential is
   * expected (and, when one was sent, that it was refused).
   */
  private static ApiException unauthorized(String code, String message, boolean credentialSent) {
    return new ApiException(401, code, message).header("WWW-Authenticate",
        credentialSent ? BEARER_CHALLENGE + ", error=\"invalid_token\"" : BEARER_CHALLENGE);
  }

  /** Decodes a request body as strict UTF-8: malformed bytes are a 400, never replaced. */
  private static String utf8(ByteBuf content) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(content.nioBuffer())
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(400, "malformed_request", "Request body is not valid UTF-8");
    }
  }

  /**
   * Parses a JSON request body strictly: a duplicate key or a string with a lone surrogate escape
   * (such as {@code "\ud800"}, which no UTF-8 text can hold and strict parsers refuse) is a 400,
   * so that nothing the server stores and serves back breaks a reader.
   */
  private JsonNode readJson(String text) {
    JsonNode node;
    try {
      node = deps.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(text);
    } catch (JsonProcessingException e) {
      String problem = e.getOriginalMessage();
      throw new ApiException(400, "malformed_request", problem != null && problem.startsWith("Duplicate field")
          ? "Request body has a duplicate key: " + problem.substring("Duplicate field".length()).trim()
          : "Request body is not valid JSON: " + problem);
    }
    String at = loneSurrogate(node, "");
    if (at != null) {
      throw new ApiException(400, "malformed_request",
          "Request body has a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape) at " + (at.isEmpty() ? "/" : at));
    }
    return node;
  }

  /** The JSON pointer of the first key or string holding an unpaired surrogate, or null. */
  private static String loneSurrogate(JsonNode node, String pointer) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return hasLoneSurrogate(node.textValue()) ? pointer : null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String at = loneSurrogate(node.get(i), pointer + "/" + i);
        if (at != null) {
          return at;
        }
      }
    } else if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String key = f.getKey();
        String child = pointer + "/" + (hasLoneSurrogate(key) ? "(key)" : key.replace("~", "~0").replace("/", "~1"));
        if (hasLoneSurrogate(key)) {
          return child;
        }
        String at = loneSurrogate(f.getValue(), child);
        if (at != null) {
          return at;
        }
      }
    }
    return null;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private String canonical(JsonNode node) {
    try {
      return deps.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bearer(FullHttpRequest req) {
    String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String v = h.substring(7).trim();
    return v.isEmpty() ? null : v;
  }

  private static boolean isUuid(String s) {
    try {
      return UUID.fromString(s).toString().equalsIgnoreCase(s);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Percent-decodes a path segment as UTF-8; unlike query decoding, '+' stays '+'. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The {@code Allow} value for these methods: every GET route also answers HEAD (see handle). */
  static String allowHeader(java.util.Collection<String> methods) {
    List<String> out = new ArrayList<>();
    for (String m : methods) {
      out.add(m);
      if (m.equals("GET") && !methods.contains("HEAD")) {
        out.add("HEAD");
      }
    }
    return String.join(", ", out);
  }

  // ---- Uploads ----

  private Response upload(String method, String path, QueryStringDecoder uri, FullHttpRequest req) {
    String idText = path.substring("/_uploads/".length());
    if (!isUuid(idText) || !("PUT".equals(method) || "GET".equals(method))) {
      return isUuid(idText)
          ? withHeader(error(405, "method_not_allowed", "Method " + method + " is not allowed here"), "Allow", allowHeader(List.of("GET", "PUT")))
          : error(404, "not_found", "Attachment not found");
    }
    UUID id = UUID.fromString(idText);
    if (!signer.verify(method, id, first(uri, "expires"), first(uri, "sig"), deps.config().clock().instant())) {
      return error(403, "forbidden", "The upload URL is invalid or has expired");
    }
    for (Tenant tenant : deps.store().tenants()) {
      synchronized (tenant) {
        AttachmentRecord a = tenant.attachments.get(id);
        if (a == null) {
          continue;
        }
        if (a.deleted) {
          return error(404, "not_found", "Attachment not found");
        }
        if ("GET".equals(method)) {
          if (a.bytes == null) {
            return error(404, "not_found", "Attachment not uploaded");
          }
          return new Response(200, a.bytes, a.contentType, new LinkedHashMap<>());
        }
        String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (!a.contentType.equals(contentType)) {
          return validation400("content_type", "must be " + a.contentType + " as declared");
        }
        if (req.content().readableBytes() != a.byteSize) {
          return validation400("byte_size", "must be exactly " + a.byteSize + " bytes as declared");
        }
        if (!"pending".equals(a.status)) {
          return error(409, "conflict", "The attachment is already linked to a message");
        }
        byte[] bytes = ByteBufUtil.getBytes(req.content());
        a.bytes = bytes;
        a.sha256 = sha256(bytes);
        a.updatedAt = OffsetDateTime.now(deps.config().clock()).withOffsetSameInstant(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ETag", "\"" + a.sha256 + "\"");
        return new Response(200, new byte[0], null, h);
      }
    }
    return error(404, "not_found", "Attachment not found");
  }

  private Response validation400(String field, String problem) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(field, List.of(problem));
    return error(new ApiException(400, "validation_failed", field + " " + problem, details));
  }

  private static String first(QueryStringDecoder uri, String name) {
    List<String> v = uri.parameters().get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  // ---- Spec files and admin routes ----

  private Response spec(String method, String path) {
    String resource;
    if (path.equals("/spec/openapi.yaml")) {
      resource = SpecValidator.OPENAPI_RESOURCE;
    } else if (path.equals("/spec/asyncapi.yaml")) {
      resource = SpecValidator.ASYNCAPI_RESOURCE;
    } else {
      return error(404, "not_found", "No route for " + method + " " + path);
    }
    if (!"GET".equals(method)) {
      return withHeader(error(405, "method_not_allowed", "Method " + method + " is not allowed here"), "Allow", allowHeader(List.of("GET")));
    }
    return new Response(200, SpecValidator.resource(resource), "application/yaml", new LinkedHashMap<>());
  }

  private Response admin(String method, String path, FullHttpRequest req) {
    DevServerFaults faults = deps.faults();
    String route = method + " " + path;
    switch (route) {
      case "GET /_dev/counters": {
        Map<String, Object> snapshot = deps.counters().snapshot();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("failures_injected", faults.failuresInjected());
        f.put("resets_injected", faults.resetsInjected());
        f.put("delays_injected", faults.delaysInjected());
        f.put("socket_drops", faults.socketDrops());
        f.put("heartbeats_ignored", faults.heartbeatsIgnored());
        snapshot.put("faults", f);
        return new Response(200, json(snapshot), "application/json", new LinkedHashMap<>());
      }
      case "GET /_dev/pushes": {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (dev.poolse.devserver.PushOutbox.SentPush p : deps.pushes().snapshot()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("user_id", p.userId().toString());
          m.put("device_id", p.deviceId().toString());
          m.put("platform", p.platform());
          m.put("environment", p.environment());
          m.put("payload", p.payload());
          m.put("sent_at", p.sentAt().toString());
          out.add(m);
        }
        return new Response(200, json(Map.of("data", out)), "application/json", new LinkedHashMap<>());
      }
      case "POST /_dev/faults":
        return configureFaults(req);
      case "DELETE /_dev/faults":
        faults.clear();
        return new Response(204, new byte[0], null, new LinkedHashMap<>());
      case "POST /_dev/sockets/drop":
        faults.dropSockets();
        return new Response(204, new byte[0], null, new LinkedHashMap<>());
      case "POST /_dev/tokens/expire":
        faults.expireAllTokens();
        return new Response(204, new byte[0], null, new LinkedHashMap<>());
      default:
        return error(404, "not_found", "No route for " + route);
    }
  }

  private Response configureFaults(FullHttpRequest req) {
    JsonNode body;
    try {
      body = readJson(utf8(req.content()));
    } catch (ApiException e) {
      return error(e);
    }
    if (body == null || !body.isObject()) {
      return error(400, "malformed_request", "Request body must be a JSON object");
    }
    DevServerFaults f = deps.faults();
    try {
      JsonNode n = body.get("fail_next");
      if (n != null) {
        f.failNext(n.path("count").asInt(1), n.path("status").asInt(503),
            n.hasNonNull("retry_after_seconds") ? Duration.ofSeconds(n.get("retry_after_seconds").asLong()) : null,
            n.hasNonNull("path_prefix") ? n.get("path_prefix").asText() : null);
      }
      n = body.get("reset_after_processing");
      if (n != null) {
        f.resetAfterProcessing(n.path("count").asInt(1),
            n.hasNonNull("path_prefix") ? n.get("path_prefix").asText() : null);
      }
      n = body.get("fail_ratio");
      if (n != null) {
        f.failRatio(n.path("probability").asDouble(), n.path("seed").asLong(0),
            n.hasNonNull("path_prefix") ? n.get("path_prefix").asText() : null);
      }
      if (body.has("delay_ms")) {
        f.delayResponses(Duration.ofMillis(body.get("delay_ms").asLong()));
      }
      if (body.has("drop_sockets_every_ms")) {
        f.dropSocketsEvery(Duration.ofMillis(body.get("drop_sockets_every_ms").asLong()));
      }
      if (body.has("stop_heartbeat_replies")) {
        f.stopHeartbeatReplies(body.get("stop_heartbeat_replies").asBoolean());
      }
    } catch (IllegalArgumentException e) {
      return error(new ApiException(422, "validation_failed", e.getMessage()));
    }
    return new Response(204, new byte[0], null, new LinkedHashMap<>());
  }

  // ---- WebSocket upgrade ----

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
    boolean isUpgrade = "GET".equals(req.method().name())
        && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    TokenService.Claims claims = null;
    if (isUpgrade && "2.0.0".equals(first(uri, "vsn")) && originAllowed(req)) {
      try {
        claims = deps.tokens().verify(first(uri, "token"));
        Tenant tenant = deps.store().byId(claims.tenantId());
        boolean known;
        if (tenant == null) {
          known = false;
        } else {
          synchronized (tenant) {
            known = tenant.users.containsKey(claims.userId());
          }
        }
        if (!known) {
          claims = null;
        }
      } catch (TokenService.InvalidTokenException e) {
        claims = null;
      }
    }
    if (claims == null) {
      // Phoenix refuses a connect with a bare 403.
      deps.counters().socketRefused();
      FullHttpResponse refused = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN);
      refused.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
      ctx.writeAndFlush(refused).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "127.0.0.1") + SOCKET_PATH;
    WebSocketServerHandshaker handshaker =
        new WebSocketServerHandshakerFactory(location, null, false, 1 << 20).newHandshaker(req);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
      return;
    }
    SocketSession session = new SocketSession(ctx.channel(), claims);
    ChannelHandlerContext self = ctx;
    handshaker.handshake(ctx.channel(), req).addListener(f -> {
      if (!f.isSuccess()) {
        self.close();
      }
    });
    long idleNanos = deps.config().idleTimeout().toNanos();
    ctx.pipeline().addLast(new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS));
    ctx.pipeline().addLast(new WebSocketFrameAggregator(1 << 20));
    ctx.pipeline().addLast(new WebSocketHandler(deps.hub(), session, handshaker, deps.mapper()));
    ctx.pipeline().remove(this);
    deps.hub().opened(session);
  }

  private static boolean originAllowed(FullHttpRequest req) {
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null) {
      return true;
    }
    try {
      String host = URI.create(origin).getHost();
      return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ---- Responses ----

  private byte[] json(Object value) {
    try {
      return deps.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize response", e);
    }
  }

  private Response error(int status, String code, String message) {
    return error(new ApiException(status, code, message));
  }

  private Response error(ApiException e) {
    ErrorBody body = new ErrorBody().code(e.code).message(e.getMessage()).docUrl(DOCS + e.code);
    if (e.details != null) {
      body.details(new LinkedHashMap<>(e.details));
    }
    Map<String, String> headers = new LinkedHashMap<>(e.headers);
    if (e.status == 401) {
      headers.putIfAbsent("WWW-Authenticate", BEARER_CHALLENGE);
    }
    return new Response(e.status, json(new ErrorEnvelope().error(body)), "application/json", headers);
  }

  private static Response withHeader(Response r, String name, String value) {
    r.headers().put(name, value);
    return r;
  }

  private Response injected(DevServerFaults.Decision d) {
    String code = d.status() == 429 ? "rate_limited" : d.status() >= 500 ? (d.status() == 503 ? "service_unavailable" : "internal_error") : "injected_fault";
    Response r = error(d.status(), code, "Injected fault (status " + d.status() + ")");
    if (d.retryAfter() != null) {
      long seconds = (d.retryAfter().toMillis() + 999) / 1000;
      r.headers().put("Retry-After", Long.toString(seconds));
    }
    return r;
  }

  private void write(ChannelHandlerContext ctx, FullHttpRequest req, Response r, Route route,
      DevServerFaults.Decision decision) {
    if (route != null && deps.config().validateResponses()) {
      List<String> problems = deps.validator().get().validateResponse(route.method,
          new QueryStringDecoder(req.uri()).rawPath(), r.status(), responseHeaders(r),
          r.body().length == 0 ? null : new String(r.body(), StandardCharsets.UTF_8));
      for (String p : problems) {
        String violation = route.method + " " + route.template + " -> " + r.status() + ": " + p;
        LOG.warn("spec violation: {}", violation);
        deps.violations().accept(violation);
      }
      if (!problems.isEmpty()) {
        // A response outside the document is a server bug: answer 500 so that every client
        // notices, not only tests that read specViolations().
        r = error(500, "internal_error", "The dev server produced a response outside the API document: "
            + problems.get(0));
      }
    }
    if (decision.action() == DevServerFaults.Action.RESET_AFTER_PROCESSING) {
      // The request was processed; the client never learns the outcome.
      ctx.close();
      return;
    }
    // A HEAD gets the GET's status and headers, Content-Length included, and no body.
    boolean head = HttpMethod.HEAD.equals(req.method());
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(r.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
    if (r.contentType() != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    }
    r.headers().forEach((k, v) -> response.headers().set(k, v));
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    // After a request the decoder gave up on, the rest of the connection's bytes are discarded:
    // close it whatever the request said.
    boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    } else {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    String path = new QueryStringDecoder(req.uri()).rawPath();
    boolean faultable = path.startsWith("/v1/") || path.startsWith("/_uploads/");
    Duration delay = faultable ? deps.faults().takeDelay() : Duration.ZERO;
    Runnable send = () -> {
      if (keepAlive) {
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    };
    if (delay.isZero()) {
      send.run();
    } else {
      ctx.executor().schedule(send, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private static Map<String, String> responseHeaders(Response r) {
    Map<String, String> h = new LinkedHashMap<>(r.headers());
    if (r.contentType() != null) {
      h.put("Content-Type", r.contentType());
    }
    return h;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error", cause);
    ctx.close();
  }

  private static boolean looksLikeJwt(String credential) {
    return credential.startsWith("eyJ") && credential.chars().filter(c -> c == '.').count() == 2;
  }
}
