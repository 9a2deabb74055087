package dev.poolse.devserver.store;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An attachment, pending until a message links it. Guarded by the owning tenant's lock. */
public final class AttachmentRecord {
  public final UUID id;
  public final UserRecord sender;
  public final String contentType;
  public final long byteSize;
  public final String originalFilename;
  public UUID messageId;
  public UUID conversationId;
  public String sha256;
  public byte[] bytes;
  public String status = "pending";
  public boolean deleted;
  public final OffsetDateTime insertedAt;
  public OffsetDateTime updatedAt;

  /**
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
