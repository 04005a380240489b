package org.trustedresearch.cases.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.trustedresearch.cases.support.PostgresTest;

/**
 * The same races on PostgreSQL, whose row locks make concurrent writers wait for each other where H2
 * fails one at once: a wait that ends in a deadlock must still be a 409, never a 500. The webapps
 * run once per JVM (their engine is static state), so here the races go through engine REST and the
 * project's API; the webapps' engine API is the same resources with the same error mapping.
 */
@PostgresTest
class ConcurrentDecisionsOnPostgresTest extends ConcurrentDecisions {

  @BeforeEach
  void runsOnPostgres() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())
        .isEqualTo("postgres");
  }

  @Override
  List<Route> routes() {
    return List.of(Route.ENGINE_REST);
  }

  @Override
  Route.Caller as(Route route, String user) {
    return Route.engineRest(port, user, PostgresTest.REST);
  }

  @Override
  Route.Caller asOnAnotherDevice(Route route, String user) {
    return as(route, user);
  }
}
