package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user's membership of a conversation with the read cursor. Guarded by the tenant lock. */
public final class MembershipRecord {
  public final UUID id;
  public final UUID conversationId;
  public final UserRecord user;
  public String role;
  public UUID lastReadMessageId;
  public Long lastReadSequence;
  public OffsetDateTime lastReadAt;
  public final OffsetDateTime insertedAt;
  public OffsetDateTime updatedAt;

  /**
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

  /** @return whether this member may manage members and settings */
  public boolean canManage() {
    return "owner".equals(role) || "admin".equals(role);
  }
}
