package org.trustedresearch.cases.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client addresses as the database may keep them: HMAC-SHA256 under a key the database never holds,
 * so that counts per address can be shared by every node without the table naming anyone. Nodes
 * given the same key agree on every hash; without a configured key the node makes a random one of
 * its own, and its counts per address are then its own.
 */
public final class KeyedHashes {

  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;

  private KeyedHashes(byte[] secret) {
    this.key = new SecretKeySpec(secret, HMAC);
  }

  /** Hashes under the configured key, or under a random one when none is configured. */
  public static KeyedHashes withKey(String configured) {
    if (configured == null || configured.isBlank()) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      return new KeyedHashes(secret);
    }
    return new KeyedHashes(configured.getBytes(StandardCharsets.UTF_8));
  }

  /** 64 hexadecimal digits; nobody without the key can tell what was hashed. */
  public String of(String text) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
    }
  }
}
