package org.trustedresearch.cases.incident;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.shared.KeyedHashes;

/**
 * What anonymity needs: receipt codes that only their holder knows (the register keeps a hash), and
 * limits that keep no address: per client address, and overall, since a sender can change address.
 * The limits are counted per clock hour in the database, so that they hold across nodes; an address
 * is known there only as a hash keyed with {@code trusted-research.incidents.limit-key} and the hour,
 * a key the database never holds, and is forgotten once its hour has passed. Without a configured key
 * each node makes one of its own at start, and then counts the per-address limit on its own (the
 * overall limit is shared all the same). The client address is the direct peer's unless a reverse
 * proxy is configured as trusted (README, "Configuration").
 */
@Component
class AnonymousReports {

  static final Duration WINDOW = Duration.ofHours(1);
  /** Lookups of a report's status: more allowed than reports, counted apart so they never block reporting. */
  static final int LOOKUPS_PER_HOUR = 60;
  static final String REPORTS = "REPORT";
  static final String LOOKUPS = "LOOKUP";
  static final String OVERALL = "OVERALL";
  static final String EVERYONE = "-";

  private final SecureRandom random = new SecureRandom();
  private final KeyedHashes clients;
  private final IncidentProperties properties;
  private final AnonymousLimits limits;

  /** Whether a report may be taken now, and if not which limit it meets. */
  enum Verdict { ACCEPT, CLIENT_LIMIT, OVERALL_LIMIT }

  AnonymousReports(IncidentProperties properties, AnonymousLimits limits) {
    this.properties = properties;
    this.limits = limits;
    this.clients = KeyedHashes.withKey(properties.limitKey());
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
  Verdict allow(String clientAddress) {
    Instant window = window();
    limits.forgetBefore(window);
    if (!limits.take(OVERALL, EVERYONE, window, properties.anonymousReportsPerHourOverall())) {
      return Verdict.OVERALL_LIMIT;
    }
    if (!limits.take(REPORTS, keyedHash(clientAddress, window), window, properties.anonymousReportsPerHour())) {
      limits.giveBack(OVERALL, EVERYONE, window);
      return Verdict.CLIENT_LIMIT;
    }
    return Verdict.ACCEPT;
  }

  /** Counts a status lookup from the address; false when it has made too many this hour. */
  boolean allowLookup(String clientAddress) {
    Instant window = window();
    limits.forgetBefore(window);
    return limits.take(LOOKUPS, keyedHash(clientAddress, window), window, LOOKUPS_PER_HOUR);
  }

  /** Past hours are forgotten even when no report comes to trigger it. */
  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
  void forgetPastHours() {
    limits.forgetBefore(window());
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

  /** Forgets every count so far. */
  void forgetAll() {
    limits.forgetAll();
  }

  private static Instant window() {
    return ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.HOURS);
  }

  /** The client's network and the hour, keyed: nobody without the key can tell which address it was. */
  private String keyedHash(String clientAddress, Instant window) {
    return clients.of(window.getEpochSecond() + "|" + network(clientAddress));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
