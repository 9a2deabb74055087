package dev.poolse.devserver.http;

import dev.poolse.client.events.ConversationUpdatedEvent;
import dev.poolse.client.events.MemberReadEvent;
import dev.poolse.client.events.MentionEvent;
import dev.poolse.client.events.MessageDeletedEvent;
import dev.poolse.client.events.ReactionEvent;
import dev.poolse.client.model.Attachment;
import dev.poolse.client.model.AttachmentStatus;
import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.Device;
import dev.poolse.client.model.DeviceEnvironment;
import dev.poolse.client.model.DevicePlatform;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Me;
import dev.poolse.client.model.MemberRole;
import dev.poolse.client.model.Membership;
import dev.poolse.client.model.Message;
import dev.poolse.client.model.MessageType;
import dev.poolse.client.model.QuotedMessagePreview;
import dev.poolse.client.model.User;
import dev.poolse.devserver.store.AttachmentRecord;
import dev.poolse.devserver.store.ConversationRecord;
import dev.poolse.devserver.store.DeviceRecord;
import dev.poolse.devserver.store.MembershipRecord;
import dev.poolse.devserver.store.MessageRecord;
import dev.poolse.devserver.store.Tenant;
import dev.poolse.devserver.store.UserRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders store records as the generated wire models. Callers hold the tenant lock, so a view is
 * a consistent snapshot; the models are fresh objects, safe to serialize after the lock is gone.
 */
final class Views {

  /** Longest quoted body in a {@link QuotedMessagePreview}. */
  static final int QUOTE_PREVIEW_CHARS = 200;
  /** Longest {@code last_message_preview}. */
  static final int LAST_MESSAGE_PREVIEW_CHARS = 80;

  private Views() {}

  static User user(Tenant t, UserRecord u) {
    return new User().id(u.id).tenantId(t.id).externalId(u.externalId).displayName(u.displayName)
        .customData(new LinkedHashMap<>(u.customData)).isBlocked(false)
        .insertedAt(u.insertedAt).updatedAt(u.updatedAt);
  }

  /** The device without its token: the wire never returns a push token. */
  static Device device(Tenant t, DeviceRecord d) {
    return new Device().id(d.id).tenantId(t.id).userId(d.userId)
        .platform(DevicePlatform.fromValue(d.platform)).environment(DeviceEnvironment.fromValue(d.environment))
        .lastRegisteredAt(d.lastRegisteredAt).insertedAt(d.insertedAt).updatedAt(d.updatedAt);
  }

  static Me me(Tenant t, UserRecord u) {
    return new Me().id(u.id).tenantId(t.id).externalId(u.externalId).displayName(u.displayName)
        .customData(new LinkedHashMap<>(u.customData)).isBlocked(false)
        .insertedAt(u.insertedAt).updatedAt(u.updatedAt);
  }

  /**
   * @param forUser the member whose unread count to include, or null to leave it out
   */
  static Conversation conversation(Tenant t, ConversationRecord c, UUID forUser) {
    List<String> externalIds = new ArrayList<>();
    for (MembershipRecord m : c.members.values()) {
      externalIds.add(m.user.externalId);
    }
    Conversation out = new Conversation().id(c.id).tenantId(t.id)
        .type(ConversationType.fromValue(c.type)).name(c.name).avatarUrl(c.avatarUrl)
        .createdByUserId(c.createdByUserId).memberLimit(c.memberLimit)
        .customData(new LinkedHashMap<>(c.customData)).settings(new LinkedHashMap<>(c.settings))
        .lastMessageAt(c.lastMessageAt).lastMessagePreview(c.lastMessagePreview)
        .lastSequence(c.lastSequence).memberExternalIds(externalIds)
        .insertedAt(c.insertedAt).updatedAt(c.updatedAt);
    if (forUser != null) {
      out.unreadCount(unread(c, forUser));
    }
    return out;
  }

  static long unread(ConversationRecord c, UUID userId) {
    MembershipRecord m = c.members.get(userId);
    long read = m == null || m.lastReadSequence == null ? 0 : m.lastReadSequence;
    return Math.max(0, c.lastSequence - read);
  }

  static Membership membership(MembershipRecord m) {
    return new Membership().id(m.id).conversationId(m.conversationId).userId(m.user.id)
        .externalId(m.user.externalId).role(MemberRole.fromValue(m.role))
        .lastReadMessageId(m.lastReadMessageId).lastReadSequence(m.lastReadSequence)
        .lastReadAt(m.lastReadAt).insertedAt(m.insertedAt).updatedAt(m.updatedAt);
  }

  static Attachment attachment(Tenant t, AttachmentRecord a) {
    return new Attachment().id(a.id).tenantId(t.id).messageId(a.messageId)
        .senderId(a.sender == null ? null : a.sender.id).contentType(a.contentType)
        .byteSize(a.byteSize).sha256(a.sha256).originalFilename(a.originalFilename)
        .status(AttachmentStatus.fromValue(a.status)).insertedAt(a.insertedAt)
        .updatedAt(a.updatedAt);
  }

  static Message message(Tenant t, MessageRecord m) {
    Map<String, List<UUID>> reactions = new LinkedHashMap<>();
    m.reactions.forEach((emoji, users) -> reactions.put(emoji, new ArrayList<>(users)));
    List<Attachment> attachments = new ArrayList<>();
    for (AttachmentRecord a : m.attachments) {
      if (!a.deleted) {
        attachments.add(attachment(t, a));
      }
    }
    Message out = new Message().id(m.id).tenantId(t.id).conversationId(m.conversation.id)
        .senderId(m.sender == null ? null : m.sender.id)
        .senderExternalId(m.sender == null ? null : m.sender.externalId)
        .type(MessageType.fromValue(m.type)).body(m.body).replyToId(m.replyToId)
        .threadRootId(m.threadRootId).mentions(new ArrayList<>(m.mentions)).reactions(reactions)
        .attachments(attachments).editedAt(m.editedAt).deletedAt(m.deletedAt)
        .sequence(m.sequence).insertedAt(m.insertedAt).updatedAt(m.updatedAt);
    if (!m.isReply()) {
      out.replyCount(m.replyCount);
    }
    if (m.revision > 0) {
      out.revision(m.revision);
    }
    if (m.quotedMessageId != null) {
      out.quotedMessageId(m.quotedMessageId);
      MessageRecord q = t.messages.get(m.quotedMessageId);
      out.quotedMessage(q == null ? null : quote(q));
    }
    return out;
  }

  static QuotedMessagePreview quote(MessageRecord q) {
    String body = q.deletedAt != null ? null : truncate(q.body, QUOTE_PREVIEW_CHARS);
    return new QuotedMessagePreview().id(q.id).senderId(q.sender == null ? null : q.sender.id)
        .senderExternalId(q.sender == null ? null : q.sender.externalId).body(body)
        .deletedAt(q.deletedAt).insertedAt(q.insertedAt);
  }

  /** Cuts at a code point boundary so a preview never ends in half a surrogate pair. */
  static String truncate(String s, int maxChars) {
    if (s == null || s.length() <= maxChars) {
      return s;
    }
    int end = maxChars;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  static MessageDeletedEvent messageDeleted(MessageRecord m) {
    return new MessageDeletedEvent(m.id, m.conversation.id, m.deletedAt, null);
  }

  static ReactionEvent reaction(MessageRecord m, String emoji, UUID userId) {
    return new ReactionEvent(m.id, m.conversation.id, emoji, userId, null);
  }

  static MemberReadEvent memberRead(MembershipRecord m) {
    return new MemberReadEvent(m.user.id, m.conversationId, m.lastReadMessageId, m.lastReadAt, null);
  }

  static MentionEvent mention(MessageRecord m) {
    return new MentionEvent(m.id, m.conversation.id, m.sender == null ? null : m.sender.id);
  }

  static ConversationUpdatedEvent conversationUpdated(Conversation c, UUID byUserId) {
    return new ConversationUpdatedEvent(c, byUserId);
  }
}
