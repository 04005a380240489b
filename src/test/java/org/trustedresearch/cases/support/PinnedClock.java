package org.trustedresearch.cases.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every test runs on the same calendar, whatever day the suite is run: the engine's clock (which the
 * application reads for every date it computes) starts at {@link #START} when the suite starts and
 * runs on from there, so that events still follow each other. Registered for every test through
 * {@code META-INF/services}; a test that needs another moment sets the clock itself, and is put back
 * on this one after it. This class is the only place in the tests that reads the wall clock, once.
 */
public final class PinnedClock implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

  /** A Tuesday morning in London, well away from weekends and bank holidays. */
  public static final Instant START = Instant.parse("2026-06-16T09:00:00Z");
  public static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** Fixed once per test run, so that the pinned clock never goes back between tests. */
  private static final long OFFSET_MILLIS = START.toEpochMilli() - System.currentTimeMillis();

  /** Puts the engine's clock back on the pinned calendar, running. */
  public static void restore() {
    ClockUtil.offset(OFFSET_MILLIS);
  }

  /** The pinned clock's present moment. */
  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** The pinned clock's present day in London, the institution's zone. */
  public static LocalDate today() {
    return LocalDate.ofInstant(now(), LONDON);
  }

  /** Stops the engine's clock at a moment. */
  public static void stopAt(Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    restore();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    restore();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    restore();
  }
}
