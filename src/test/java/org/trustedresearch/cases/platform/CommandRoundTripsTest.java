package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trustedresearch.cases.platform.CommandRoundTrips.*;

import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.platform.CommandRoundTrips.MeasuredApplication;
import org.trustedresearch.cases.platform.CommandRoundTrips.Run;
import org.trustedresearch.cases.support.JdbcRoundTrips.Counts;

/**
 * Keeps what each command costs the database from growing unnoticed. The counts are deterministic
 * (CommandRoundTripsBenchmark checks that over 20 runs), so a ceiling is the count measured on H2
 * when it was set plus about 5% (at least 3 statements) for small legitimate changes; a change that
 * needs more raises the ceiling here, in the same commit, with the reason. The reference process is
 * held to its measured counts exactly: if the engine's own cost changes (an upgrade), the ceilings
 * below are measured again. The reference runs on the application's engine, so the listeners the
 * application adds to every process (grants to a task's candidate group, task e-mails) run for it too.
 */
@MeasuredApplication
class CommandRoundTripsTest {

  /** Measured statements and round trips per command, and the ceilings they must stay under. */
  record Ceiling(int measuredStatements, int statements, int measuredRoundTrips, int roundTrips) {
  }

  static final Map<String, Ceiling> CEILINGS = Map.of(
      // the start asks once whether the requester's training is current (one indexed query) and records the
      // answer (trainingCurrent, requesterTraining) and the training gateway; the department's security
      // champions are granted the case (two grants, each in the user operation log): 92 statements before both
      START, new Ceiling(114, 119, 29, 31),
      // ... and on each sign-off round (2 grants, without a user; one look-up of their grants on the case, which
      // may have moved department), the champion's gateways and the requester's training shown to reviewers;
      // before them, 151 statements in 48 round trips
      SCREENING, new Ceiling(162, 168, 49, 51),
      HOD_OUTCOME, new Ceiling(135, 142, 58, 61),
      HIGH_CHAMPION, new Ceiling(84, 88, 60, 63),
      HIGH_HOD, new Ceiling(128, 135, 75, 79),
      HIGH_LEGAL, new Ceiling(52, 55, 39, 41),
      HIGH_IT, new Ceiling(87, 92, 62, 66),
      // the champion who advised is thanked by e-mail; before, 137 statements and 59 round trips
      HIGH_OUTCOME, new Ceiling(145, 152, 62, 65),
      MAIL, new Ceiling(3, 3, 3, 3));

  @Autowired
  ProcessEngine engine;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  JdbcClient jdbc;

  private static Run measured;

  /** One run measured after a first that loads definitions and decision tables into the engine's caches. */
  private Run run() {
    if (measured == null) {
      CommandRoundTrips scenario = new CommandRoundTrips(engine, dispatcher, jdbc);
      scenario.deployReference();
      scenario.run();
      measured = scenario.run();
    }
    return measured;
  }

  @Test
  void eachCommandStaysWithinItsMeasuredCostAndCommitsOnce() {
    Run run = run();

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(run.counts(REF_START).statements()).as("reference start: statements").isEqualTo(27);
    softly.assertThat(run.counts(REF_COMPLETE).statements()).as("reference completion: statements").isEqualTo(18);
    softly.assertThat(run.counts(REF_JOB).statements()).as("reference job: statements").isEqualTo(36);
    CEILINGS.forEach((command, ceiling) -> {
      Counts counts = run.counts(command);
      softly.assertThat(counts.statements()).as("%s: statements (measured %d)", command, ceiling.measuredStatements())
          .isLessThanOrEqualTo(ceiling.statements());
      softly.assertThat(counts.roundTrips()).as("%s: round trips (measured %d)", command, ceiling.measuredRoundTrips())
          .isLessThanOrEqualTo(ceiling.roundTrips());
    });
    run.commands.keySet().stream().filter(CommandRoundTrips::isUserCommand).forEach(command ->
        softly.assertThat(run.counts(command).commits()).as("%s: commits", command).isEqualTo(1));
    // a job commits its work, then the engine records the job's success in a second, empty transaction
    softly.assertThat(run.counts(SCREENING).commits()).as("screening job: commits")
        .isEqualTo(run.counts(REF_JOB).commits());
    softly.assertThat(run.counts(SCREENING).rollbacks()).as("screening job: rollbacks").isZero();
    softly.assertAll();
  }

  @Test
  void moreReviewersAndAnswersCostTheStartNoMoreStatements() {
    Run run = run();

    // a HIGH case (state links: legal, IT security and the Head of Risk review) against a LOW one
    assertThat(run.counts(HIGH_START).statements()).isEqualTo(run.counts(START).statements());
    // the HIGH case's screening opens the champion's advice (one task and its timer) where the LOW case's
    // opens the head's review (one task and its reminder and escalation timers): no dearer
    assertThat(run.counts(HIGH_SCREENING).statements()).isLessThanOrEqualTo(run.counts(SCREENING).statements());
    assertThat(run.counts(HIGH_SCREENING).roundTrips()).isLessThanOrEqualTo(run.counts(SCREENING).roundTrips());
    // a review that opens no task costs less than one that opens the next reviewers' tasks
    assertThat(run.counts(HIGH_LEGAL).roundTrips()).isLessThan(run.counts(HIGH_HOD).roundTrips());
  }
}
