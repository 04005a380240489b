package org.trustedresearch.cases.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * What anonymity needs: receipt codes that only their holder knows (the register keeps a hash), and
 * a limit on reports per client address that keeps no address. Addresses are known here only as
 * salted hashes in memory, with a salt that lives as long as the process, and are forgotten after
 * the hour they count for.
 */
@Component
class AnonymousReports {

  static final Duration WINDOW = Duration.ofHours(1);
  static final int MAX_ADDRESSES = 100_000;

  private final SecureRandom random = new SecureRandom();
  private final byte[] salt = new byte[32];
  private final IncidentProperties properties;
  private final Map<String, Deque<Instant>> recent = new LinkedHashMap<>();

  AnonymousReports(IncidentProperties properties) {
    this.properties = properties;
    random.nextBytes(salt);
  }

  /** A new receipt code: 128 random bits, written as 32 hexadecimal digits. */
  String newReceiptCode() {
    byte[] code = new byte[16];
    random.nextBytes(code);
    return HexFormat.of().formatHex(code);
  }

  static String hash(String receiptCode) {
    return sha256(receiptCode.getBytes(StandardCharsets.UTF_8));
  }

  /** Counts a request from the address; false when the address has used up its reports this hour. */
  synchronized boolean allow(String clientAddress) {
    Instant now = Instant.now();
    forgetBefore(now.minus(WINDOW));
    String key = saltedHash(clientAddress);
    Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
    if (times.size() >= properties.anonymousReportsPerHour()) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  /** Forgets every address counted so far (a restart does the same). */
  synchronized void forgetAll() {
    recent.clear();
  }

  private void forgetBefore(Instant cutoff) {
    Iterator<Map.Entry<String, Deque<Instant>>> entries = recent.entrySet().iterator();
    while (entries.hasNext()) {
      Deque<Instant> times = entries.next().getValue();
      while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
        times.removeFirst();
      }
      if (times.isEmpty()) {
        entries.remove();
      }
    }
    while (recent.size() > MAX_ADDRESSES) {
      entries = recent.entrySet().iterator();
      entries.next();
      entries.remove();
    }
  }

  private String saltedHash(String clientAddress) {
    byte[] address = String.valueOf(clientAddress).getBytes(StandardCharsets.UTF_8);
    byte[] salted = new byte[salt.length + address.length];
    System.arraycopy(salt, 0, salted, 0, salt.length);
    System.arraycopy(address, 0, salted, salt.length, address.length);
    return sha256(salted);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
