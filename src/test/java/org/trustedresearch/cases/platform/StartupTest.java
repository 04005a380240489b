package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.trustedresearch.cases.TrustedResearchCasesApplication;

/**
 * Whole application starts as an operator would do them: with and without the demo profile, and
 * twice on the same database. Each run has an engine name of its own, so that it does not disturb
 * the engine other tests share.
 */
class StartupTest {

  static final AtomicInteger RUNS = new AtomicInteger();

  static ConfigurableApplicationContext start(String profile, String database, String... properties) {
    List<String> all = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.datasource.url=" + database,
        "--camunda.bpm.job-execution.enabled=false",
        // the webapps keep their engine in static state that a second application would clear on close
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.process-engine-name=startup" + RUNS.incrementAndGet()));
    for (String property : properties) {
      all.add("--" + property);
    }
    return new SpringApplicationBuilder(TrustedResearchCasesApplication.class)
        .profiles(profile)
        .run(all.toArray(String[]::new));
  }

  static String memoryDatabase() {
    return "jdbc:h2:mem:startup" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
  }

  @Test
  void outsideTheDemoProfileTheApplicationRefusesTheDefaultAdminPassword() {
    assertThatThrownBy(() -> start("production", memoryDatabase()).close())
        .hasStackTraceContaining("Refusing to start: the administrator 'demo' has a default or well-known password");
    assertThatThrownBy(() -> start("production", memoryDatabase(), "camunda.bpm.admin-user.id=registrar",
        "camunda.bpm.admin-user.password=registrar").close())
        .hasStackTraceContaining("Refusing to start");
  }

  @Test
  void outsideTheDemoProfileNoDemoUserExistsButTheAccessPolicyAndFiltersDo() {
    try (ConfigurableApplicationContext app = start("production", memoryDatabase(),
        "camunda.bpm.admin-user.id=registrar", "camunda.bpm.admin-user.password=Correct-Horse-7-Battery")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      assertThat(engine.getIdentityService().createUserQuery().list())
          .extracting(user -> user.getId()).containsExactly("registrar");
      assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn("researchers").count())
          .isPositive();
      assertThat(engine.getFilterService().createFilterQuery().list()).extracting(filter -> filter.getName())
          .containsExactlyInAnyOrder("My tasks", "My group tasks", "Overdue");
    }
  }

  @Test
  void aRestartDeploysNothingNewAndSeedsNothingTwice(@TempDir Path folder) {
    String database = "jdbc:h2:file:" + folder.resolve("restart").toAbsolutePath();
    Snapshot first;
    try (ConfigurableApplicationContext app = start("demo", database)) {
      first = Snapshot.of(app.getBean(ProcessEngine.class));
    }
    try (ConfigurableApplicationContext app = start("demo", database)) {
      Snapshot second = Snapshot.of(app.getBean(ProcessEngine.class));
      assertThat(second).isEqualTo(first);
    }
    assertThat(first.deployments()).isEqualTo(1);
    assertThat(first.resources()).contains("processes/collaboration-onboarding.bpmn",
        "processes/risk-assessment-sign-off.bpmn", "processes/collaboration-risk-tier.dmn",
        "processes/sign-off-reviewers.dmn", "forms/collaboration-onboarding/start.form",
        "forms/risk-assessment-sign-off/review-as-head-of-department.form");
    assertThat(first.users()).isEqualTo(13);
  }

  record Snapshot(long deployments, List<String> resources, long users, long memberships, long authorizations,
      long filters) {

    static Snapshot of(ProcessEngine engine) {
      var repository = engine.getRepositoryService();
      String deployment = repository.createDeploymentQuery().singleResult().getId();
      return new Snapshot(
          repository.createDeploymentQuery().count(),
          repository.getDeploymentResourceNames(deployment).stream().sorted().toList(),
          engine.getIdentityService().createUserQuery().count(),
          engine.getIdentityService().createGroupQuery().list().stream()
              .mapToLong(group -> engine.getIdentityService().createUserQuery().memberOfGroup(group.getId()).count())
              .sum(),
          engine.getAuthorizationService().createAuthorizationQuery().count(),
          engine.getFilterService().createFilterQuery().count());
    }
  }
}
