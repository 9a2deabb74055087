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
  public final UUID id;
  public final String type;
  public String name;
  public String avatarUrl;
  public final UUID createdByUserId;
  public Integer memberLimit;
  public Map<String, Object> customData = new LinkedHashMap<>();
  public Map<String, Object> settings = new LinkedHashMap<>();
  public OffsetDateTime lastMessageAt;
  public String lastMessagePreview;
  public long lastSequence;
  public final OffsetDateTime insertedAt;
  public OffsetDateTime updatedAt;
  /** Members keyed by user id, in join order. */
  public final Map<UUID, MembershipRecord> members = new LinkedHashMap<>();
  /** All messages in sequence order; index i holds sequence i + 1. */
  public final List<MessageRecord> messages = new ArrayList<>();

  /**
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
   * @param sequence a sequence of this conversation
   * @return the message with it, or null
   */
  public MessageRecord bySequence(long sequence) {
    if (sequence < 1 || sequence > messages.size()) {
      return null;
    }
    return messages.get((int) (sequence - 1));
  }
}
