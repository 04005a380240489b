package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.trustedresearch.cases.support.PostgresTest;

/** Jobs that lose an optimistic-locking race, on PostgreSQL. */
@PostgresTest
class JobContentionOnPostgresTest extends JobContentionScenarios {

  @Test
  void theseScenariosRunOnPostgres() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("postgres");
  }
}
