package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A user of a tenant. Guarded by the owning {@link Tenant}'s lock. */
public final class UserRecord {
  /** Backs the wire field {@code id}. */
  public final UUID id;
  /** Backs the wire field {@code external_id}. */
  public final String externalId;
  /** Backs the wire field {@code display_name}. */
  public String displayName;
  /** Backs the wire field {@code custom_data}. */
  public Map<String, Object> customData = new LinkedHashMap<>();
  /** Backs the wire field {@code inserted_at}. */
  public final OffsetDateTime insertedAt;
  /** Backs the wire field {@code updated_at}. */
  public OffsetDateTime updatedAt;

  /**
   * Creates a user record.
   *
   * @param id the user id
   * @param externalId the tenant's own id for the user
   * @param now the creation time
   */
  public UserRecord(UUID id, String externalId, OffsetDateTime now) {
    this.id = id;
    this.externalId = externalId;
    this.insertedAt = now;
    this.updatedAt = now;
  }
}
