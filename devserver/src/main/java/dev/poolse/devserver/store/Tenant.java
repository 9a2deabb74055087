package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * All data of one tenant. Every read and write of it, and of the records it holds, happens while
 * holding this object's monitor ({@code synchronized (tenant)}): one lock per tenant keeps each
 * request atomic (sequence assignment, idempotency check-then-store, broadcast order) and tenants
 * independent of each other.
 */
public final class Tenant {
  /** The tenant id ({@code tenant_id} on the wire). */
  public final UUID id;
  /** The API key that selects this tenant. */
  public final String apiKey;
  /** Users by id. */
  public final Map<UUID, UserRecord> users = new LinkedHashMap<>();
  /** Users by the tenant's external id. */
  public final Map<String, UserRecord> usersByExternalId = new HashMap<>();
  /** Conversations by id. */
  public final Map<UUID, ConversationRecord> conversations = new LinkedHashMap<>();
  /** Messages of every conversation by id, for routes addressed by message id. */
  public final Map<UUID, MessageRecord> messages = new HashMap<>();
  /** Attachments by id, pending ones included. */
  public final Map<UUID, AttachmentRecord> attachments = new HashMap<>();
  /** Devices that have not re-registered for this long are pruned (the spec's staleness period). */
  public static final java.time.Duration DEVICE_STALE_AFTER = java.time.Duration.ofDays(60);

  /** Registered push destinations by raw token (a token belongs to one user at a time). */
  public final Map<String, DeviceRecord> devicesByToken = new LinkedHashMap<>();
  /** The 2xx responses cached under Idempotency-Key. */
  public final IdempotencyCache idempotency = new IdempotencyCache();

  /**
   * Creates a tenant with its API key.
   *
   * @param id the tenant id
   * @param apiKey the tenant's API key
   */
  public Tenant(UUID id, String apiKey) {
    this.id = id;
    this.apiKey = apiKey;
  }

  /**
   * Finds or provisions the user with an external id. Caller holds the lock.
   *
   * @param externalId the tenant's id for the user
   * @param now the time to stamp a new user with
   * @return the existing or new user
   */
  public UserRecord provision(String externalId, OffsetDateTime now) {
    UserRecord user = usersByExternalId.get(externalId);
    if (user == null) {
      user = new UserRecord(UUID.randomUUID(), externalId, now);
      users.put(user.id, user);
      usersByExternalId.put(externalId, user);
    }
    return user;
  }

  /**
   * Forgets the devices that stopped re-registering. Caller holds the lock.
   *
   * @param now the current time
   */
  public void pruneStaleDevices(OffsetDateTime now) {
    OffsetDateTime cutoff = now.minus(DEVICE_STALE_AFTER);
    devicesByToken.values().removeIf(d -> d.lastRegisteredAt != null && d.lastRegisteredAt.isBefore(cutoff));
  }
}
