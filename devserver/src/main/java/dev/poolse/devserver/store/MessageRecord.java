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
  /** Backs the wire field {@code id}. */
  public final UUID id;
  /** The conversation the message belongs to. */
  public final ConversationRecord conversation;
  /** The sender, or null for system messages. */
  public final UserRecord sender;
  /** Backs the wire field {@code type}. */
  public final String type;
  /** Backs the wire field {@code body}. */
  public String body;
  /** Backs the wire field {@code reply_to_id}. */
  public final UUID replyToId;
  /** Backs the wire field {@code thread_root_id}. */
  public final UUID threadRootId;
  /** Backs the wire field {@code reply_count}. */
  public int replyCount;
  /** Backs the wire field {@code quoted_message_id}. */
  public final UUID quotedMessageId;
  /** Backs the wire field {@code mentions}. */
  public final List<UUID> mentions;
  /** Emoji to the users who reacted, both in first-reaction order. */
  public final Map<String, Set<UUID>> reactions = new LinkedHashMap<>();
  /** Backs the wire field {@code attachments}: the attachments this message linked. */
  public final List<AttachmentRecord> attachments = new ArrayList<>();
  /** Backs the wire field {@code edited_at}. */
  public OffsetDateTime editedAt;
  /** Backs the wire field {@code deleted_at}. */
  public OffsetDateTime deletedAt;
  /** Backs the wire field {@code sequence}. */
  public final long sequence;
  /** Backs the wire field {@code revision}: the conversation revision of the latest change, 0 before any. */
  public long revision;
  /** Backs the wire field {@code inserted_at}. */
  public final OffsetDateTime insertedAt;
  /** Backs the wire field {@code updated_at}. */
  public OffsetDateTime updatedAt;

  /**
   * Creates a message record.
   *
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

  /** {@return whether this message is a thread reply (and so not part of the main feed)} */
  public boolean isReply() {
    return threadRootId != null;
  }
}
