package dev.poolse.devserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolse.client.model.AttachmentUploadRequest;
import dev.poolse.client.model.CallConnection;
import dev.poolse.client.model.IceServer;
import dev.poolse.client.model.IceServersResponse;
import dev.poolse.client.model.RegisterDeviceRequest;
import dev.poolse.client.model.AttachmentUploadResponse;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationList;
import dev.poolse.client.model.ConversationUpdateRequest;
import dev.poolse.client.model.DownloadUrlResponse;
import dev.poolse.client.model.MarkReadRequest;
import dev.poolse.client.model.MembersAddRequest;
import dev.poolse.client.model.Membership;
import dev.poolse.client.model.MembershipList;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.client.model.MessageList;
import dev.poolse.client.model.MessageUpdateRequest;
import dev.poolse.client.model.PresignedUpload;
import dev.poolse.client.model.ReactionRequest;
import dev.poolse.client.model.UserCreateRequest;
import dev.poolse.client.model.UserToken;
import dev.poolse.devserver.DevServerCounters;
import dev.poolse.devserver.auth.TokenService;
import dev.poolse.devserver.realtime.RealtimeHub;
import dev.poolse.devserver.store.AttachmentRecord;
import dev.poolse.devserver.store.ConversationRecord;
import dev.poolse.devserver.store.DeviceRecord;
import dev.poolse.devserver.store.MembershipRecord;
import dev.poolse.devserver.store.MessageRecord;
import dev.poolse.devserver.store.Tenant;
import dev.poolse.devserver.store.UserRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.openapitools.jackson.nullable.JsonNullable;

/**
 * The semantics of every REST operation of the OpenAPI document. Handlers run with the caller's
 * tenant lock held (see {@link Tenant}), validate everything before they change anything, and
 * fire the realtime broadcasts of the wire contract while still holding it, so events leave in
 * mutation order.
 */
public final class RestApi {

  /** What a handler gets: the caller, the parsed request and the time. */
  static final class Call {
    final Tenant tenant;
    final UserRecord user;
    final Map<String, String> path;
    final Map<String, List<String>> query;
    final JsonNode body;
    final OffsetDateTime now;

    Call(Tenant tenant, UserRecord user, Map<String, String> path,
        Map<String, List<String>> query, JsonNode body, OffsetDateTime now) {
      this.tenant = tenant;
      this.user = user;
      this.path = path;
      this.query = query;
      this.body = body;
      this.now = now;
    }

    UUID uuid(String name) {
      try {
        return UUID.fromString(path.get(name));
      } catch (IllegalArgumentException e) {
        throw ApiException.notFound(label(name));
      }
    }

    String query(String name) {
      List<String> v = query.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  static String label(String param) {
    switch (param) {
      case "conversation_id": return "Conversation";
      case "message_id": return "Message";
      case "attachment_id": return "Attachment";
      default: return "User";
    }
  }

  private final ObjectMapper mapper;
  private final TokenService tokens;
  private final RealtimeHub hub;
  private final DevServerCounters counters;
  private final UploadSigner signer;
  private final Clock clock;
  private final Duration tokenTtl;
  private final long maxAttachmentBytes;
  private final Supplier<URI> apiUrl;
  private final CallMedia callMedia;
  private final List<Route> routes = new ArrayList<>();

  /** What the device, ICE-server and call-token routes need. */
  record CallMedia(String sfuUrl, Duration iceTtl, byte[] turnSecret) {}

  RestApi(ObjectMapper mapper, TokenService tokens, RealtimeHub hub, DevServerCounters counters,
      UploadSigner signer, Clock clock, Duration tokenTtl, long maxAttachmentBytes,
      Supplier<URI> apiUrl, CallMedia callMedia) {
    this.mapper = mapper;
    this.tokens = tokens;
    this.hub = hub;
    this.counters = counters;
    this.signer = signer;
    this.clock = clock;
    this.tokenTtl = tokenTtl;
    this.maxAttachmentBytes = maxAttachmentBytes;
    this.apiUrl = apiUrl;
    this.callMedia = callMedia;
    Route.Auth key = Route.Auth.API_KEY;
    Route.Auth jwt = Route.Auth.USER_TOKEN;
    add("POST", "/v1/users", key, this::createUser);
    add("POST", "/v1/users/{user_id}/tokens", key, this::createUserToken);
    add("GET", "/v1/me", jwt, c -> new Route.Result(200, Views.me(c.tenant, c.user)));
    add("GET", "/v1/conversations", jwt, this::listConversations);
    add("POST", "/v1/conversations", jwt, this::createConversation);
    add("GET", "/v1/conversations/{conversation_id}", jwt, this::getConversation);
    add("PATCH", "/v1/conversations/{conversation_id}", jwt, this::updateConversation);
    add("GET", "/v1/conversations/{conversation_id}/members", jwt, this::listMembers);
    add("POST", "/v1/conversations/{conversation_id}/members", jwt, this::addMembers);
    add("DELETE", "/v1/conversations/{conversation_id}/members/{user_id}", jwt, this::removeMember);
    add("GET", "/v1/conversations/{conversation_id}/messages", jwt, this::listMessages);
    add("POST", "/v1/conversations/{conversation_id}/messages", jwt, this::sendMessage);
    add("POST", "/v1/conversations/{conversation_id}/read", jwt, this::markRead);
    add("GET", "/v1/conversations/{conversation_id}/events", jwt, this::listConversationEvents);
    add("PATCH", "/v1/messages/{message_id}", jwt, this::updateMessage);
    add("DELETE", "/v1/messages/{message_id}", jwt, this::deleteMessage);
    add("GET", "/v1/messages/{message_id}/replies", jwt, this::listReplies);
    add("POST", "/v1/messages/{message_id}/reactions", jwt, this::addReaction);
    add("DELETE", "/v1/messages/{message_id}/reactions/{emoji}", jwt, this::removeReaction);
    add("POST", "/v1/attachments/upload-url", jwt, this::createUploadUrl);
    add("GET", "/v1/attachments/{attachment_id}/download-url", jwt, this::getDownloadUrl);
    add("DELETE", "/v1/attachments/{attachment_id}", jwt, this::deleteAttachment);
    add("POST", "/v1/devices", jwt, this::registerDevice);
    add("DELETE", "/v1/devices/{token}", jwt, this::unregisterDevice);
    add("GET", "/v1/ice-servers", jwt, this::getIceServers);
    add("POST", "/v1/conversations/{conversation_id}/call-token", jwt, this::createCallToken);
  }

  private void add(String method, String template, Route.Auth auth, Route.Handler handler) {
    routes.add(new Route(method, template, auth, handler));
  }

  List<Route> routes() {
    return routes;
  }

  private <T> T body(Call c, Class<T> type) {
    try {
      return mapper.treeToValue(c.body, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ApiException(422, "validation_failed", "The request body is invalid");
    }
  }

  // ---- Devices, ICE servers, call tokens ----

  private Route.Result registerDevice(Call c) {
    RegisterDeviceRequest req = body(c, RegisterDeviceRequest.class);
    String platform = req.getPlatform() == null ? null : req.getPlatform().getValue();
    String environment = req.getEnvironment() == null ? "production" : req.getEnvironment().getValue();
    if (platform == null) {
      throw ApiException.validation("platform", "is not a known platform");
    }
    if (environment == null) {
      throw ApiException.validation("environment", "is not a known environment");
    }
    c.tenant.pruneStaleDevices(c.now);
    DeviceRecord device = c.tenant.devicesByToken.get(req.getToken());
    // A known token of this user is a re-registration (200); a new token, or one that moves
    // from another user (the handset's last sign-in wins), is a registration for this user (201).
    boolean known = device != null && device.userId.equals(c.user.id);
    if (device == null) {
      device = new DeviceRecord(UUID.randomUUID(), req.getToken(), c.user.id, c.now);
      c.tenant.devicesByToken.put(device.token, device);
    }
    device.userId = c.user.id;
    device.platform = platform;
    device.environment = environment;
    device.lastRegisteredAt = c.now;
    device.updatedAt = c.now;
    return new Route.Result(known ? 200 : 201, Views.device(c.tenant, device));
  }

  private Route.Result unregisterDevice(Call c) {
    DeviceRecord device = c.tenant.devicesByToken.get(c.path.get("token"));
    // Idempotent, and silent about tokens of other users.
    if (device != null && device.userId.equals(c.user.id)) {
      c.tenant.devicesByToken.remove(device.token);
    }
    return new Route.Result(204, null);
  }

  private Route.Result getIceServers(Call c) {
    String host = apiUrl.get().getHost();
    long expiry = c.now.toEpochSecond() + callMedia.iceTtl().getSeconds();
    // TURN REST credentials: a TURN server sharing the secret recomputes and checks them itself.
    String username = expiry + ":" + c.user.id;
    String credential = java.util.Base64.getEncoder().encodeToString(
        hmac("HmacSHA1", callMedia.turnSecret(), username));
    List<IceServer> servers = List.of(
        new IceServer().urls(List.of("stun:" + host + ":3478")),
        new IceServer().urls(List.of("turn:" + host + ":3478?transport=udp", "turn:" + host + ":3478?transport=tcp"))
            .username(username).credential(credential));
    return new Route.Result(200, new IceServersResponse().iceServers(servers)
        .ttlSeconds((int) Math.min(Integer.MAX_VALUE, callMedia.iceTtl().getSeconds())));
  }

  private Route.Result createCallToken(Call c) {
    ConversationRecord conv = conversation(c);
    requireMember(conv, c.user);
    if (callMedia.sfuUrl() == null) {
      throw new ApiException(503, "sfu_unavailable",
          "This deployment has no SFU configured; use peer-to-peer media");
    }
    String room = "conversation:" + conv.id;
    long expiresAt = c.now.toEpochSecond() + tokenTtl.getSeconds();
    ObjectNode header = mapper.createObjectNode().put("alg", "HS256").put("typ", "JWT");
    ObjectNode claims = mapper.createObjectNode()
        .put("iss", "poolse-devserver").put("sub", c.user.id.toString())
        .put("jti", UUID.randomUUID().toString())
        .put("nbf", c.now.toEpochSecond()).put("exp", expiresAt);
    claims.putObject("video").put("room", room).put("roomJoin", true);
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String unsigned = b64.encodeToString(json(header)) + "." + b64.encodeToString(json(claims));
    String token = unsigned + "." + b64.encodeToString(hmac("HmacSHA256", callMedia.turnSecret(), unsigned));
    return new Route.Result(201, new CallConnection().url(callMedia.sfuUrl()).token(token).room(room)
        .expiresAt(expiresAt));
  }

  private byte[] json(Object node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(String algorithm, byte[] key, String data) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance(algorithm);
      mac.init(new javax.crypto.spec.SecretKeySpec(key, algorithm));
      return mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }

  // ---- Users (API key) ----

  private Route.Result createUser(Call c) {
    UserCreateRequest req = body(c, UserCreateRequest.class);
    UserRecord existing = c.tenant.usersByExternalId.get(req.getExternalId());
    UserRecord u = c.tenant.provision(req.getExternalId(), c.now);
    if (req.getDisplayName_JsonNullable().isPresent()) {
      u.displayName = req.getDisplayName();
      u.updatedAt = c.now;
    }
    if (req.getCustomData() != null) {
      u.customData = new LinkedHashMap<>(req.getCustomData());
      u.updatedAt = c.now;
    }
    return new Route.Result(existing == null ? 201 : 200, Views.user(c.tenant, u));
  }

  private Route.Result createUserToken(Call c) {
    UUID id = c.uuid("user_id");
    UserRecord u = c.tenant.users.get(id);
    if (u == null) {
      throw new ApiException(404, "user_not_found", "User not found");
    }
    TokenService.Minted minted = tokens.mint(u.id, c.tenant.id, u.externalId, tokenTtl);
    return new Route.Result(201, new UserToken().token(minted.token())
        .expiresAt(OffsetDateTime.ofInstant(minted.expiresAt(), ZoneOffset.UTC)));
  }

  // ---- Conversations ----

  private ConversationRecord conversation(Call c) {
    ConversationRecord conv = c.tenant.conversations.get(c.uuid("conversation_id"));
    if (conv == null) {
      throw ApiException.notFound("Conversation");
    }
    return conv;
  }

  private static MembershipRecord requireMember(ConversationRecord conv, UserRecord user) {
    MembershipRecord m = conv.members.get(user.id);
    if (m == null) {
      throw ApiException.forbidden("You are not a member of this conversation");
    }
    return m;
  }

  private Route.Result listConversations(Call c) {
    List<ConversationRecord> mine = new ArrayList<>();
    for (ConversationRecord conv : c.tenant.conversations.values()) {
      if (conv.members.containsKey(c.user.id)) {
        mine.add(conv);
      }
    }
    mine.sort(Comparator.comparing(
        (ConversationRecord conv) -> conv.lastMessageAt != null ? conv.lastMessageAt : conv.insertedAt)
        .reversed());
    List<Conversation> data = new ArrayList<>();
    for (ConversationRecord conv : mine) {
      data.add(Views.conversation(c.tenant, conv, c.user.id));
    }
    return new Route.Result(200, new ConversationList().data(data));
  }

  private Route.Result createConversation(Call c) {
    ConversationCreateRequest req = body(c, ConversationCreateRequest.class);
    String type = req.getType().getValue();
    if (type == null) {
      throw ApiException.validation("type", "is not a known conversation type");
    }
    Set<String> others = new LinkedHashSet<>();
    if (req.getMemberExternalIds() != null) {
      others.addAll(req.getMemberExternalIds());
    }
    others.remove(c.user.externalId);
    Integer limit = req.getMemberLimit();
    if (limit != null && others.size() + 1 > limit) {
      throw ApiException.validation("member_external_ids", "exceeds member_limit of " + limit);
    }
    ConversationRecord conv = new ConversationRecord(UUID.randomUUID(), type, c.user.id, c.now);
    conv.name = req.getName();
    conv.avatarUrl = req.getAvatarUrl();
    conv.memberLimit = limit;
    if (req.getCustomData() != null) {
      conv.customData = new LinkedHashMap<>(req.getCustomData());
    }
    if (req.getSettings() != null) {
      conv.settings = new LinkedHashMap<>(req.getSettings());
    }
    conv.members.put(c.user.id, new MembershipRecord(conv.id, c.user, "owner", c.now));
    for (String externalId : others) {
      UserRecord u = c.tenant.provision(externalId, c.now);
      conv.members.put(u.id, new MembershipRecord(conv.id, u, "member", c.now));
    }
    c.tenant.conversations.put(conv.id, conv);
    for (MembershipRecord m : conv.members.values()) {
      hub.broadcast(userTopic(m.user.id), "conversation:created",
          Views.conversation(c.tenant, conv, m.user.id));
    }
    return new Route.Result(201, Views.conversation(c.tenant, conv, null));
  }

  private Route.Result getConversation(Call c) {
    ConversationRecord conv = conversation(c);
    requireMember(conv, c.user);
    return new Route.Result(200, Views.conversation(c.tenant, conv, null));
  }

  private Route.Result updateConversation(Call c) {
    ConversationRecord conv = conversation(c);
    MembershipRecord me = requireMember(conv, c.user);
    if (!me.canManage()) {
      throw ApiException.forbidden("Only owners and admins may update the conversation");
    }
    ConversationUpdateRequest req = body(c, ConversationUpdateRequest.class);
    JsonNullable<Integer> limit = req.getMemberLimit_JsonNullable();
    if (limit.isPresent() && limit.get() != null && limit.get() < conv.members.size()) {
      throw ApiException.validation("member_limit", "is below the current member count");
    }
    if (req.getName_JsonNullable().isPresent()) {
      conv.name = req.getName();
    }
    if (req.getAvatarUrl_JsonNullable().isPresent()) {
      conv.avatarUrl = req.getAvatarUrl();
    }
    if (limit.isPresent()) {
      conv.memberLimit = limit.get();
    }
    if (req.getCustomData_JsonNullable().isPresent()) {
      conv.customData = req.getCustomData() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(req.getCustomData());
    }
    if (req.getSettings_JsonNullable().isPresent()) {
      conv.settings = req.getSettings() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(req.getSettings());
    }
    conv.updatedAt = c.now;
    announceConversation(c.tenant, conv, c.user.id);
    return new Route.Result(200, Views.conversation(c.tenant, conv, null));
  }

  private void announceConversation(Tenant tenant, ConversationRecord conv, UUID byUserId) {
    for (MembershipRecord m : conv.members.values()) {
      hub.broadcast(userTopic(m.user.id), "conversation:updated",
          Views.conversationUpdated(Views.conversation(tenant, conv, m.user.id), byUserId));
    }
  }

  private static String userTopic(UUID userId) {
    return "user:" + userId;
  }

  private static String conversationTopic(UUID conversationId) {
    return "conversation:" + conversationId;
  }

  // ---- Members ----

  private Route.Result listMembers(Call c) {
    ConversationRecord conv = conversation(c);
    requireMember(conv, c.user);
    List<Membership> data = new ArrayList<>();
    conv.members.values().forEach(m -> data.add(Views.membership(m)));
    return new Route.Result(200, new MembershipList().data(data));
  }

  private Route.Result addMembers(Call c) {
    ConversationRecord conv = conversation(c);
    MembershipRecord me = requireMember(conv, c.user);
    if (!me.canManage()) {
      throw ApiException.forbidden("Only owners and admins may add members");
    }
    MembersAddRequest req = body(c, MembersAddRequest.class);
    String role = req.getRole() == null ? "member" : req.getRole().getValue();
    if (role == null) {
      throw ApiException.validation("role", "is not a known role");
    }
    if ("owner".equals(role) && !"owner".equals(me.role)) {
      throw ApiException.forbidden("Only owners may add owners");
    }
    Set<String> ids = new LinkedHashSet<>(req.getExternalIds());
    long newcomers = ids.stream().filter(id -> {
      UserRecord u = c.tenant.usersByExternalId.get(id);
      return u == null || !conv.members.containsKey(u.id);
    }).count();
    if (conv.memberLimit != null && conv.members.size() + newcomers > conv.memberLimit) {
      throw ApiException.validation("external_ids", "exceeds member_limit of " + conv.memberLimit);
    }
    List<Membership> data = new ArrayList<>();
    List<MembershipRecord> added = new ArrayList<>();
    for (String externalId : ids) {
      UserRecord u = c.tenant.provision(externalId, c.now);
      MembershipRecord m = conv.members.get(u.id);
      if (m == null) {
        m = new MembershipRecord(conv.id, u, role, c.now);
        conv.members.put(u.id, m);
        added.add(m);
      }
      data.add(Views.membership(m));
    }
    if (!added.isEmpty()) {
      conv.updatedAt = c.now;
      for (MembershipRecord m : added) {
        hub.broadcast(userTopic(m.user.id), "conversation:created",
            Views.conversation(c.tenant, conv, m.user.id));
      }
    }
    return new Route.Result(200, new MembershipList().data(data));
  }

  private Route.Result removeMember(Call c) {
    ConversationRecord conv = conversation(c);
    MembershipRecord me = requireMember(conv, c.user);
    UUID target = c.uuid("user_id");
    MembershipRecord victim = conv.members.get(target);
    if (victim == null) {
      throw ApiException.notFound("Member");
    }
    boolean self = target.equals(c.user.id);
    if (!self && !me.canManage()) {
      throw ApiException.forbidden("Only owners and admins may remove members");
    }
    if (!self && "owner".equals(victim.role) && !"owner".equals(me.role)) {
      throw ApiException.forbidden("Only owners may remove owners");
    }
    conv.members.remove(target);
    conv.updatedAt = c.now;
    hub.endMembership(conv.id, target);
    return new Route.Result(204, null);
  }

  // ---- Messages ----

  private MessageRecord message(Call c) {
    MessageRecord m = c.tenant.messages.get(c.uuid("message_id"));
    if (m == null) {
      throw ApiException.notFound("Message");
    }
    return m;
  }

  private static int intParam(Call c, String name, int dflt) {
    String v = c.query(name);
    return v == null ? dflt : Integer.parseInt(v);
  }

  private static long longParam(Call c, String name, long dflt) {
    String v = c.query(name);
    return v == null ? dflt : Long.parseLong(v);
  }

  private Route.Result listMessages(Call c) {
    ConversationRecord conv = conversation(c);
    requireMember(conv, c.user);
    int limit = intParam(c, "limit", 50);
    long before = longParam(c, "before", Long.MAX_VALUE);
    List<Message> data = new ArrayList<>();
    for (int i = conv.messages.size() - 1; i >= 0 && data.size() < limit; i--) {
      MessageRecord m = conv.messages.get(i);
      if (m.sequence < before && !m.isReply()) {
        data.add(Views.message(c.tenant, m));
      }
    }
    return new Route.Result(200, new MessageList().data(data));
  }

  private Route.Result sendMessage(Call c) {
    ConversationRecord conv = conversation(c);
    requireMember(conv, c.user);
    MessageCreateRequest req = body(c, MessageCreateRequest.class);
    if (req.getId() != null) {
      MessageRecord existing = c.tenant.messages.get(req.getId());
      if (existing != null) {
        if (!existing.conversation.id.equals(conv.id)) {
          throw ApiException.validation("id", "is already used by another message");
        }
        // A resend of a message that was stored: the original, never a duplicate.
        return new Route.Result(200, Views.message(c.tenant, existing));
      }
    }
    List<UUID> attachmentIds = req.getAttachmentIds() == null ? List.of() : req.getAttachmentIds();
    String body = req.getBody();
    if ((body == null || body.isBlank()) && attachmentIds.isEmpty()) {
      throw ApiException.validation("body", "can't be blank");
    }
    String type = req.getType() == null ? "text" : req.getType().getValue();
    if (type == null) {
      throw ApiException.validation("type", "is not a known message type");
    }
    UUID threadRoot = null;
    if (req.getReplyToId() != null) {
      MessageRecord parent = c.tenant.messages.get(req.getReplyToId());
      if (parent == null || !parent.conversation.id.equals(conv.id)) {
        throw ApiException.validation("reply_to_id", "is not a message of this conversation");
      }
      threadRoot = parent.threadRootId != null ? parent.threadRootId : parent.id;
    }
    if (req.getQuotedMessageId() != null) {
      MessageRecord quoted = c.tenant.messages.get(req.getQuotedMessageId());
      if (quoted == null || !quoted.conversation.id.equals(conv.id)) {
        throw ApiException.validation("quoted_message_id", "is not a message of this conversation");
      }
    }
    List<AttachmentRecord> attachments = new ArrayList<>();
    for (UUID id : new LinkedHashSet<>(attachmentIds)) {
      AttachmentRecord a = c.tenant.attachments.get(id);
      if (a == null || a.deleted || !a.sender.id.equals(c.user.id)) {
        throw ApiException.validation("attachment_ids", "contains an unknown attachment " + id);
      }
      if (a.messageId != null) {
        throw ApiException.validation("attachment_ids", "contains an attachment already sent " + id);
      }
      if (a.sha256 == null) {
        throw ApiException.validation("attachment_ids", "contains an attachment not uploaded yet " + id);
      }
      attachments.add(a);
    }
    // Everything is checked: from here on the message is stored in one step.
    long sequence = conv.lastSequence + 1;
    UUID id = req.getId() != null ? req.getId() : UUID.randomUUID();
    List<UUID> mentions = req.getMentions() == null ? List.of() : req.getMentions();
    MessageRecord m = new MessageRecord(id, conv, c.user, type, body, req.getReplyToId(),
        threadRoot, req.getQuotedMessageId(), mentions, sequence, c.now);
    for (AttachmentRecord a : attachments) {
      a.messageId = m.id;
      a.conversationId = conv.id;
      a.status = "ready";
      a.updatedAt = c.now;
      m.attachments.add(a);
    }
    conv.messages.add(m);
    conv.lastSequence = sequence;
    c.tenant.messages.put(m.id, m);
    MessageRecord root = threadRoot == null ? null : c.tenant.messages.get(threadRoot);
    if (root != null) {
      root.replyCount++;
      root.updatedAt = c.now;
    } else {
      conv.lastMessageAt = c.now;
      conv.lastMessagePreview = Views.truncate(body, Views.LAST_MESSAGE_PREVIEW_CHARS);
    }
    conv.updatedAt = c.now;
    // The sender has read their own message.
    MembershipRecord senderMembership = conv.members.get(c.user.id);
    senderMembership.lastReadMessageId = m.id;
    senderMembership.lastReadSequence = sequence;
    senderMembership.lastReadAt = c.now;
    senderMembership.updatedAt = c.now;
    counters.messageStored(conv.id);

    // Published in this order so that nothing refers to a message before its message:new.
    Message view = Views.message(c.tenant, m);
    m.revision = hub.publish(conv.id, "message:new", view);
    view.revision(m.revision);
    if (root != null) {
      root.revision = hub.publish(conv.id, "message:updated", Views.message(c.tenant, root));
    }
    hub.publish(conv.id, "member:read", Views.memberRead(senderMembership));
    for (UUID mentioned : m.mentions) {
      if (!mentioned.equals(c.user.id) && conv.members.containsKey(mentioned)) {
        hub.broadcast(userTopic(mentioned), "mention:new", Views.mention(m));
      }
    }
    announceConversation(c.tenant, conv, c.user.id);
    return new Route.Result(201, view);
  }

  private Route.Result markRead(Call c) {
    ConversationRecord conv = conversation(c);
    MembershipRecord me = requireMember(conv, c.user);
    MarkReadRequest req = body(c, MarkReadRequest.class);
    MessageRecord m = c.tenant.messages.get(req.getMessageId());
    if (m == null || !m.conversation.id.equals(conv.id)) {
      throw ApiException.validation("message_id", "is not a message of this conversation");
    }
    if (me.lastReadSequence == null || m.sequence > me.lastReadSequence) {
      me.lastReadMessageId = m.id;
      me.lastReadSequence = m.sequence;
      me.lastReadAt = c.now;
      me.updatedAt = c.now;
      hub.publish(conv.id, "member:read", Views.memberRead(me));
    }
    return new Route.Result(204, null);
  }

  private Route.Result listConversationEvents(Call c) {
    ConversationRecord conv = conversation(c);
    requireMember(conv, c.user);
    long after = longParam(c, "after", 0);
    int limit = intParam(c, "limit", 500);
    try {
      RealtimeHub.EventPage page = hub.events(conv.id, after, limit);
      // Built as a tree, not as the generated ConversationEventList: its payload is a Map, and the
      // wire mapper leaves null map values out, which would drop required-but-null properties
      // (a deleted message's body) from the replayed payloads.
      ObjectNode out = mapper.createObjectNode();
      ArrayNode data = out.putArray("data");
      for (RealtimeHub.ReplayedEvent e : page.events()) {
        ObjectNode event = data.addObject();
        event.put("revision", e.revision());
        event.put("event", e.event());
        event.set("payload", e.payload());
      }
      out.put("has_more", page.hasMore());
      out.put("revision", page.head());
      return new Route.Result(200, out);
    } catch (RealtimeHub.EventsExpiredException e) {
      throw new ApiException(410, "events_expired", e.getMessage());
    }
  }

  private MessageRecord ownMessage(Call c) {
    MessageRecord m = message(c);
    requireMember(m.conversation, c.user);
    if (m.sender == null || !m.sender.id.equals(c.user.id)) {
      throw ApiException.forbidden("Only the sender may change this message");
    }
    return m;
  }

  private Route.Result updateMessage(Call c) {
    MessageRecord m = ownMessage(c);
    if (m.deletedAt != null) {
      throw new ApiException(410, "message_deleted", "The message was deleted");
    }
    MessageUpdateRequest req = body(c, MessageUpdateRequest.class);
    if (req.getBody() == null || req.getBody().isBlank()) {
      throw ApiException.validation("body", "can't be blank");
    }
    m.body = req.getBody();
    m.editedAt = c.now;
    m.updatedAt = c.now;
    refreshPreview(m);
    m.revision = hub.publish(m.conversation.id, "message:updated", Views.message(c.tenant, m));
    return new Route.Result(200, Views.message(c.tenant, m));
  }

  private static void refreshPreview(MessageRecord changed) {
    ConversationRecord conv = changed.conversation;
    for (int i = conv.messages.size() - 1; i >= 0; i--) {
      MessageRecord m = conv.messages.get(i);
      if (!m.isReply()) {
        if (m == changed) {
          conv.lastMessagePreview = Views.truncate(m.body, Views.LAST_MESSAGE_PREVIEW_CHARS);
        }
        return;
      }
    }
  }

  private Route.Result deleteMessage(Call c) {
    MessageRecord m = ownMessage(c);
    if (m.deletedAt == null) {
      m.deletedAt = c.now;
      m.updatedAt = c.now;
      m.body = null;
      refreshPreview(m);
      m.revision = hub.publish(m.conversation.id, "message:deleted", Views.messageDeleted(m));
    }
    return new Route.Result(204, null);
  }

  private Route.Result listReplies(Call c) {
    MessageRecord root = message(c);
    requireMember(root.conversation, c.user);
    int limit = intParam(c, "limit", 500);
    long after = longParam(c, "after", 0);
    List<Message> data = new ArrayList<>();
    for (MessageRecord m : root.conversation.messages) {
      if (data.size() >= limit) {
        break;
      }
      if (root.id.equals(m.threadRootId) && m.sequence > after) {
        data.add(Views.message(c.tenant, m));
      }
    }
    return new Route.Result(200, new MessageList().data(data));
  }

  private Route.Result addReaction(Call c) {
    MessageRecord m = message(c);
    requireMember(m.conversation, c.user);
    if (m.deletedAt != null) {
      throw new ApiException(410, "message_deleted", "The message was deleted");
    }
    String emoji = body(c, ReactionRequest.class).getEmoji();
    if (m.reactions.computeIfAbsent(emoji, e -> new LinkedHashSet<>()).add(c.user.id)) {
      m.updatedAt = c.now;
      m.revision = hub.publish(m.conversation.id, "reaction:added", Views.reaction(m, emoji, c.user.id));
    }
    return new Route.Result(200, Views.message(c.tenant, m));
  }

  private Route.Result removeReaction(Call c) {
    MessageRecord m = message(c);
    requireMember(m.conversation, c.user);
    String emoji = c.path.get("emoji");
    Set<UUID> users = m.reactions.get(emoji);
    if (users != null && users.remove(c.user.id)) {
      if (users.isEmpty()) {
        m.reactions.remove(emoji);
      }
      m.updatedAt = c.now;
      m.revision = hub.publish(m.conversation.id, "reaction:removed", Views.reaction(m, emoji, c.user.id));
    }
    return new Route.Result(200, Views.message(c.tenant, m));
  }

  // ---- Attachments ----

  private Route.Result createUploadUrl(Call c) {
    AttachmentUploadRequest req = body(c, AttachmentUploadRequest.class);
    if (req.getByteSize() > maxAttachmentBytes) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("byte_size", List.of("must be at most " + maxAttachmentBytes));
      throw new ApiException(413, "attachment_too_large",
          "Attachments are limited to " + maxAttachmentBytes + " bytes", details);
    }
    AttachmentRecord a = new AttachmentRecord(UUID.randomUUID(), c.user, req.getContentType(),
        req.getByteSize(), req.getOriginalFilename(), c.now);
    c.tenant.attachments.put(a.id, a);
    Instant expires = clock.instant().plus(Duration.ofHours(1));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", a.contentType);
    PresignedUpload upload = new PresignedUpload().url(apiUrl.get() + signer.path("PUT", a.id, expires))
        .method("put").headers(headers);
    return new Route.Result(201,
        new AttachmentUploadResponse().attachment(Views.attachment(c.tenant, a)).upload(upload));
  }

  private AttachmentRecord attachment(Call c) {
    AttachmentRecord a = c.tenant.attachments.get(c.uuid("attachment_id"));
    if (a == null || a.deleted) {
      throw ApiException.notFound("Attachment");
    }
    return a;
  }

  private Route.Result getDownloadUrl(Call c) {
    AttachmentRecord a = attachment(c);
    boolean mine = a.sender.id.equals(c.user.id);
    ConversationRecord conv = a.conversationId == null ? null : c.tenant.conversations.get(a.conversationId);
    if (!mine && (conv == null || !conv.members.containsKey(c.user.id))) {
      throw ApiException.forbidden("You may not download this attachment");
    }
    Instant expires = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));
    return new Route.Result(200, new DownloadUrlResponse()
        .url(apiUrl.get() + signer.path("GET", a.id, expires)).method("get")
        .expiresAt(OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)));
  }

  private Route.Result deleteAttachment(Call c) {
    AttachmentRecord a = c.tenant.attachments.get(c.uuid("attachment_id"));
    if (a == null) {
      throw ApiException.notFound("Attachment");
    }
    if (!a.sender.id.equals(c.user.id)) {
      throw ApiException.forbidden("Only the sender may delete this attachment");
    }
    if (!a.deleted) {
      a.deleted = true;
      a.bytes = null;
      a.updatedAt = c.now;
    }
    return new Route.Result(204, null);
  }
}
