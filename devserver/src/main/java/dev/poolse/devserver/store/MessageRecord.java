package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A stored message. Guarded by the owning tenant's lock. */
public final class MessageRecord {
  public final UUID id;
  public final ConversationRecord conversation;
  public final UserRecord sender;
  public final String type;
  public String body;
  public final UUID replyToId;
  public final UUID threadRootId;
  public int replyCount;
  public final UUID quotedMessageId;
  public final List<UUID> mentions;
  /** Emoji to the users who reacted, both in first-reaction order. */
  public final Map<String, Set<UUID>> reactions = new LinkedHashMap<>();
  public final List<AttachmentRecord> attachments = new ArrayList<>();
  public OffsetDateTime editedAt;
  public OffsetDateTime deletedAt;
  public final long sequence;
  public final OffsetDateTime insertedAt;
  public OffsetDateTime updatedAt;

  /**
   * @param id the message id
   * @param conversation its conversation
   * @param sender the sender
   * @param type {@code text}, {@code system} or {@code custom}
   * @param body the body, or null for attachment-only messages
   * @param replyToId the replied message, or null
   * @param threadRootId the thread root, or null
   * @param quotedMessageId the quoted message, or null
   * @param mentions mentioned user ids
   * @param sequence the per-conversation sequence
   * @param now the creation time
   */
  public MessageRecord(UUID id, ConversationRecord conversation, UserRecord sender, String type,
      String body, UUID replyToId, UUID threadRootId, UUID quotedMessageId, List<UUID> mentions,
      long sequence, OffsetDateTime now) {
    this.id = id;
    this.conversation = conversation;
    this.sender = sender;
    this.type = type;
    this.body = body;
    this.replyToId = replyToId;
    this.threadRootId = threadRootId;
    this.quotedMessageId = quotedMessageId;
    this.mentions = List.copyOf(new LinkedHashSet<>(mentions));
    this.sequence = sequence;
    this.insertedAt = now;
    this.updatedAt = now;
  }

  /** @return whether this message is a thread reply (and so not part of the main feed) */
  public boolean isReply() {
    return threadRootId != null;
  }
}
