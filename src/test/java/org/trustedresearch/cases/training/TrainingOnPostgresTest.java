package org.trustedresearch.cases.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.support.PinnedClock;
import org.trustedresearch.cases.support.PostgresTest;
import org.trustedresearch.cases.support.Race;
import org.trustedresearch.cases.support.TestUsers;
import org.trustedresearch.cases.training.TrainingRecords.Source;
import org.trustedresearch.cases.training.TrainingRecords.Status;

/** On PostgreSQL, two nodes sweeping and reminding at the same moment induct and remind each person once. */
@PostgresTest
class TrainingOnPostgresTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TrainingRecords records;
  @Autowired
  Inductions inductions;
  @Autowired
  TrainingReminders reminders;

  @Test
  void twoNodesAtOnceInductANewMemberOnceAndRemindARecordOnce() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("postgres");
    inductions.sweep();
    String joiner = TestUsers.newPerson(engine.getIdentityService(), "pgjoiner", "Joiner", true, "researchers");
    String expiring = TestUsers.newPerson(engine.getIdentityService(), "pgexpiring", "Expiring", true);
    long record = records.insert(expiring, "trusted-research", PinnedClock.today().plusDays(20).minusMonths(12),
        Source.IMPORT, Status.IMPORTED, "sam", PinnedClock.now());

    Race.run(2, node -> inductions.sweep());
    Race.run(2, node -> reminders.remindExpiring());

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(InductionProcess.KEY)
        .variableValueEquals(InductionProcess.REQUESTER.name(), joiner).count()).isEqualTo(1);
    assertThat(jdbc.sql("select outcome from tr_training_induction where user_id = ?").params(joiner)
        .query(String.class).single()).isEqualTo("STARTED");
    assertThat(jdbc.sql("select count(*) from tr_notification_outbox where recipient_user = ? and kind = ?")
        .params(expiring, TrainingReminders.TEMPLATE).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select outcome from tr_training_reminder where record_id = ?").params(record)
        .query(String.class).single()).isEqualTo("SENT");
  }
}
