package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation with its members and every message (main feed and thread replies) in sequence
 * order. Guarded by the owning tenant's lock, which is what makes sequence assignment atomic.
 */
public final class ConversationRecord {
  /** Backs the wire field {@code id}. */
  public final UUID id;
  /** Backs the wire field {@code type}. */
  public final String type;
  /** Backs the wire field {@code name}. */
  public String name;
  /** Backs the wire field {@code avatar_url}. */
  public String avatarUrl;
  /** Backs the wire field {@code created_by_user_id}. */
  public final UUID createdByUserId;
  /** Backs the wire field {@code member_limit}. */
  public Integer memberLimit;
  /** Backs the wire field {@code custom_data}. */
  public Map<String, Object> customData = new LinkedHashMap<>();
  /** Backs the wire field {@code settings}. */
  public Map<String, Object> settings = new LinkedHashMap<>();
  /** Backs the wire field {@code last_message_at}. */
  public OffsetDateTime lastMessageAt;
  /** Backs the wire field {@code last_message_preview}. */
  public String lastMessagePreview;
  /** Backs the wire field {@code last_sequence}. */
  public long lastSequence;
  /** Backs the wire field {@code inserted_at}. */
  public final OffsetDateTime insertedAt;
  /** Backs the wire field {@code updated_at}. */
  public OffsetDateTime updatedAt;
  /** Members keyed by user id, in join order. */
  public final Map<UUID, MembershipRecord> members = new LinkedHashMap<>();
  /** All messages in sequence order; index i holds sequence i + 1. */
  public final List<MessageRecord> messages = new ArrayList<>();

  /**
   * Creates a conversation record.
   *
   * @param id the conversation id
   * @param type {@code direct} or {@code group}
   * @param createdByUserId the creator
   * @param now the creation time
   */
  public ConversationRecord(UUID id, String type, UUID createdByUserId, OffsetDateTime now) {
    this.id = id;
    this.type = type;
    this.createdByUserId = createdByUserId;
    this.insertedAt = now;
    this.updatedAt = now;
  }

  /**
   * {@return the message with it, or null}
   *
   * @param sequence a sequence of this conversation
   */
  public MessageRecord bySequence(long sequence) {
    if (sequence < 1 || sequence > messages.size()) {
      return null;
    }
    return messages.get((int) (sequence - 1));
  }
}
