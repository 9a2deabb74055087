package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An attachment, pending until a message links it. Guarded by the owning tenant's lock. */
public final class AttachmentRecord {
  /** Backs the wire field {@code id}. */
  public final UUID id;
  /** The sender, or null for system messages. */
  public final UserRecord sender;
  /** Backs the wire field {@code content_type}. */
  public final String contentType;
  /** Backs the wire field {@code byte_size}. */
  public final long byteSize;
  /** Backs the wire field {@code original_filename}. */
  public final String originalFilename;
  /** Backs the wire field {@code message_id}. */
  public UUID messageId;
  /** The conversation of the linking message, null while pending. */
  public UUID conversationId;
  /** Backs the wire field {@code sha256}. */
  public String sha256;
  /** The uploaded bytes, null until the PUT. */
  public byte[] bytes;
  /** Backs the wire field {@code status}. */
  public String status = "pending";
  /** Whether the sender deleted the attachment. */
  public boolean deleted;
  /** Backs the wire field {@code inserted_at}. */
  public final OffsetDateTime insertedAt;
  /** Backs the wire field {@code updated_at}. */
  public OffsetDateTime updatedAt;

  /**
   * Creates an attachment record, pending until its upload completes.
   *
   * @param id the attachment id
   * @param sender the uploader
   * @param contentType the declared content type
   * @param byteSize the declared size
   * @param originalFilename the file name, or null
   * @param now the creation time
   */
  public AttachmentRecord(UUID id, UserRecord sender, String contentType, long byteSize,
      String originalFilename, OffsetDateTime now) {
    this.id = id;
    this.sender = sender;
    this.contentType = contentType;
    this.byteSize = byteSize;
    this.originalFilename = originalFilename;
    this.insertedAt = now;
    this.updatedAt = now;
  }
}
