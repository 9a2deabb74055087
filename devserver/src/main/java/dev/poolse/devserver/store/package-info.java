/**
 * The dev server's in-memory state: tenants, users, conversations, memberships, messages,
 * attachments and idempotency records, each guarded by its tenant's lock.
 */
package dev.poolse.devserver.store;
