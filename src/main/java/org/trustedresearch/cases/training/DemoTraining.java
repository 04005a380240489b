package org.trustedresearch.cases.training;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.training.TrainingRecords.Source;
import org.trustedresearch.cases.training.TrainingRecords.Status;
import org.trustedresearch.cases.training.TrainingProperties.Module;

/**
 * The demo installation's learning-system records: every user who has no record when the demo starts
 * completed each required module three months before, so the demo users' cases go straight on to
 * sign-off (and what they declare or import for recent days is not taken for a duplicate). A user
 * added while it runs (in Admin, say) has none, and their case waits for training.
 */
@Component
@Profile("demo")
class DemoTraining {

  private static final Logger LOG = LoggerFactory.getLogger(DemoTraining.class);
  static final String RECORDED_BY = "demo";

  private final TrainingRecords records;
  private final TrainingProperties properties;
  private final IdentityService identity;
  private final JdbcClient jdbc;

  DemoTraining(TrainingRecords records, TrainingProperties properties, IdentityService identity, JdbcClient jdbc) {
    this.records = records;
    this.properties = properties;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    LocalDate completedOn = records.today().minusMonths(3);
    List<String> untrained = identity.createUserQuery().list().stream().map(User::getId)
        .filter(user -> jdbc.sql("select count(*) from tr_training_record where user_id = :user")
            .param("user", user).query(Long.class).single() == 0)
        .toList();
    for (String user : untrained) {
      for (Module module : properties.modules()) {
        if (module.required()) {
          try {
            records.insert(user, module.id(), completedOn, Source.IMPORT, Status.IMPORTED, RECORDED_BY,
                TrainingRecords.now());
          } catch (DuplicateKeyException anotherNodeSeededIt) {
            LOG.debug("Demo training of {} was recorded by another node", user);
          }
        }
      }
    }
    if (!untrained.isEmpty()) {
      LOG.info("Recorded demo training for {} users", untrained.size());
    }
  }
}
