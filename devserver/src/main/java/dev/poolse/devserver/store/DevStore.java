package dev.poolse.devserver.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The tenants of one server, fixed at start; each guards its own data (see {@link Tenant}). */
public final class DevStore {

  private final Map<String, Tenant> byApiKey = new ConcurrentHashMap<>();
  private final Map<UUID, Tenant> byId = new ConcurrentHashMap<>();

  /**
   * Creates an empty store with one tenant per API key.
   *
   * @param apiKeys one API key per tenant
   */
  public DevStore(List<String> apiKeys) {
    Objects.requireNonNull(apiKeys, "apiKeys");
    for (String key : apiKeys) {
      Tenant tenant = new Tenant(UUID.randomUUID(), key);
      byApiKey.put(key, tenant);
      byId.put(tenant.id, tenant);
    }
  }

  /**
   * {@return its tenant, or null}
   *
   * @param apiKey an API key
   */
  public Tenant byApiKey(String apiKey) {
    return apiKey == null ? null : byApiKey.get(apiKey);
  }

  /**
   * {@return the tenant, or null}
   *
   * @param id a tenant id
   */
  public Tenant byId(UUID id) {
    return id == null ? null : byId.get(id);
  }

  /** {@return every tenant} */
  public Collection<Tenant> tenants() {
    return byId.values();
  }
}
