package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A user of a tenant. Guarded by the owning {@link Tenant}'s lock. */
public final class UserRecord {
  public final UUID id;
  public final String externalId;
  public String displayName;
  public Map<String, Object> customData = new LinkedHashMap<>();
  public final OffsetDateTime insertedAt;
  public OffsetDateTime updatedAt;

  /**
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
