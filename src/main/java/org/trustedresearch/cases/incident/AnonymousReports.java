package org.trustedresearch.cases.incident;

import java.net.InetAddress;
import java.net.UnknownHostException;
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

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * What anonymity needs: receipt codes that only their holder knows (the register keeps a hash), and
 * limits that keep no address: per client address, and overall, since a sender can change address.
 * Addresses are known here only as salted hashes in memory, with a salt that lives as long as the
 * process, and are forgotten after the hour they count for. The client address is the direct peer's
 * unless a reverse proxy is configured as trusted (README, "Configuration").
 */
@Component
class AnonymousReports {

  static final Duration WINDOW = Duration.ofHours(1);
  static final int MAX_ADDRESSES = 100_000;

  private final SecureRandom random = new SecureRandom();
  private final byte[] salt = new byte[32];
  private final IncidentProperties properties;
  /** Lookups of a report's status: more allowed than reports, counted apart so they never block reporting. */
  static final int LOOKUPS_PER_HOUR = 60;

  private final Map<String, Deque<Instant>> recent = new LinkedHashMap<>();
  private final Map<String, Deque<Instant>> lookups = new LinkedHashMap<>();
  private final Deque<Instant> all = new ArrayDeque<>();

  /** Whether a report may be taken now, and if not which limit it meets. */
  enum Verdict { ACCEPT, CLIENT_LIMIT, OVERALL_LIMIT }

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

  /** Counts a report from the address, unless the address or everyone together has used up this hour's reports. */
  synchronized Verdict allow(String clientAddress) {
    Instant now = now();
    while (!all.isEmpty() && all.peekFirst().isBefore(now.minus(WINDOW))) {
      all.removeFirst();
    }
    if (all.size() >= properties.anonymousReportsPerHourOverall()) {
      return Verdict.OVERALL_LIMIT;
    }
    if (!count(recent, clientAddress, properties.anonymousReportsPerHour())) {
      return Verdict.CLIENT_LIMIT;
    }
    all.addLast(now);
    return Verdict.ACCEPT;
  }

  /** Counts a status lookup from the address; false when it has made too many this hour. */
  synchronized boolean allowLookup(String clientAddress) {
    return count(lookups, clientAddress, LOOKUPS_PER_HOUR);
  }

  private boolean count(Map<String, Deque<Instant>> counts, String clientAddress, int limit) {
    Instant now = now();
    forgetBefore(counts, now.minus(WINDOW));
    Deque<Instant> times = counts.computeIfAbsent(saltedHash(network(clientAddress)), k -> new ArrayDeque<>());
    if (times.size() >= limit) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  /** An IPv6 client is counted by its /64 network, which it can easily move within; IPv4 by its address. */
  static String network(String clientAddress) {
    String address = String.valueOf(clientAddress);
    if (!address.contains(":")) {
      return address;
    }
    try {
      // an address literal is parsed, never looked up
      byte[] bytes = InetAddress.getByName(address).getAddress();
      return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "/64" : address;
    } catch (UnknownHostException e) {
      return address;
    }
  }

  /** Forgets every address counted so far (a restart does the same). */
  synchronized void forgetAll() {
    recent.clear();
    lookups.clear();
    all.clear();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static void forgetBefore(Map<String, Deque<Instant>> counts, Instant cutoff) {
    Iterator<Map.Entry<String, Deque<Instant>>> entries = counts.entrySet().iterator();
    while (entries.hasNext()) {
      Deque<Instant> times = entries.next().getValue();
      while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
        times.removeFirst();
      }
      if (times.isEmpty()) {
        entries.remove();
      }
    }
    while (counts.size() > MAX_ADDRESSES) {
      entries = counts.entrySet().iterator();
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
