package org.trustedresearch.cases.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application on PostgreSQL, configured by the postgres profile as in production, sending
 * e-mail to the test SMTP server. Its engine has a name of its own so that it lives beside the
 * other tests' engine in one JVM; its REST API is {@value #REST}. Test classes with this
 * annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.process-engine-name=" + PostgresTest.ENGINE,
    "camunda.bpm.job-execution.enabled=false",
    // the training reminders and the induction sweep run when a test calls them
    "trusted-research.training.reminders.cron=-", "trusted-research.training.induction.cron=-",
    // the clock stands still in tests, so KPIs kept "for a minute" would be kept for the whole suite
    "trusted-research.evaluation.kpis-fresh-for=PT0S",
    // the webapps keep their engine in static state, shared with the other tests' application
    "camunda.bpm.webapp.enabled=false"})
@ActiveProfiles({"demo", "postgres"})
@ContextConfiguration(initializers = {TestMailServer.class, PostgresTest.Database.class})
public @interface PostgresTest {

  String ENGINE = "postgres";
  String REST = "/engine-rest/engine/" + ENGINE;

  /** Points the postgres profile's settings at a fresh test database. */
  class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestDatabases.Database database = TestDatabases.postgres();
      TestPropertyValues.of(
          "TRC_DB_URL=" + database.url(),
          "TRC_DB_USER=" + database.user(),
          "TRC_DB_PASSWORD=" + database.password())
          .applyTo(context);
    }
  }
}
