package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user's membership of a conversation with the read cursor. Guarded by the tenant lock. */
public final class MembershipRecord {
  /** Backs the wire field {@code id}. */
  public final UUID id;
  /** Backs the wire field {@code conversation_id}. */
  public final UUID conversationId;
  /** The member. */
  public final UserRecord user;
  /** Backs the wire field {@code role}. */
  public String role;
  /** Backs the wire field {@code last_read_message_id}. */
  public UUID lastReadMessageId;
  /** Backs the wire field {@code last_read_sequence}. */
  public Long lastReadSequence;
  /** Backs the wire field {@code last_read_at}. */
  public OffsetDateTime lastReadAt;
  /** Backs the wire field {@code inserted_at}. */
  public final OffsetDateTime insertedAt;
  /** Backs the wire field {@code updated_at}. */
  public OffsetDateTime updatedAt;

  /**
   * Creates a membership record.
   *
   * @param conversationId the conversation
   * @param user the member
   * @param role {@code owner}, {@code admin} or {@code member}
   * @param now the creation time
   */
  public MembershipRecord(UUID conversationId, UserRecord user, String role, OffsetDateTime now) {
    this.id = UUID.randomUUID();
    this.conversationId = conversationId;
    this.user = user;
    this.role = role;
    this.insertedAt = now;
    this.updatedAt = now;
  }

  /** {@return whether this member may manage members and settings} */
  public boolean canManage() {
    return "owner".equals(role) || "admin".equals(role);
  }
}
