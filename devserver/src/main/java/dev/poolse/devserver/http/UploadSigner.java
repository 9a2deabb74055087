package dev.poolse.devserver.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the presigned upload and download URLs ({@code /_uploads/{id}?expires&sig}):
 * HMAC-SHA256 over method, attachment id and expiry. Thread-safe.
 */
final class UploadSigner {

  private final byte[] key;

  UploadSigner(byte[] secret) {
    this.key = secret.clone();
  }

  String sign(String method, UUID id, Instant expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String input = method + '\n' + id + '\n' + expires.getEpochSecond();
      return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  String path(String method, UUID id, Instant expires) {
    return "/_uploads/" + id + "?expires=" + expires.getEpochSecond() + "&sig=" + sign(method, id, expires);
  }

  boolean verify(String method, UUID id, String expires, String sig, Instant now) {
    if (expires == null || sig == null) {
      return false;
    }
    long epoch;
    try {
      epoch = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return false;
    }
    Instant exp = Instant.ofEpochSecond(epoch);
    boolean signed = MessageDigest.isEqual(
        sign(method, id, exp).getBytes(StandardCharsets.US_ASCII),
        sig.getBytes(StandardCharsets.US_ASCII));
    return signed && now.isBefore(exp);
  }
}
