package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered push destination. Guarded by the owning {@link Tenant}'s lock. */
public final class DeviceRecord {
  /** Backs the wire field {@code id}. */
  public final UUID id;
  /** The raw push token; never on the wire after registration. */
  public final String token;
  /** Backs the wire field {@code user_id}; the last user who registered the token. */
  public UUID userId;
  /** Backs the wire field {@code platform}. */
  public String platform;
  /** Backs the wire field {@code environment}. */
  public String environment;
  /** Backs the wire field {@code last_registered_at}. */
  public OffsetDateTime lastRegisteredAt;
  /** Backs the wire field {@code inserted_at}. */
  public final OffsetDateTime insertedAt;
  /** Backs the wire field {@code updated_at}. */
  public OffsetDateTime updatedAt;

  /**
   * Creates a device record.
   *
   * @param id the device id
   * @param token the raw push token
   * @param userId the owner
   * @param now the registration time
   */
  public DeviceRecord(UUID id, String token, UUID userId, OffsetDateTime now) {
    this.id = id;
    this.token = token;
    this.userId = userId;
    this.insertedAt = now;
    this.updatedAt = now;
    this.lastRegisteredAt = now;
  }
}
