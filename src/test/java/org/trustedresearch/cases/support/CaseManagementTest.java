package org.trustedresearch.cases.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The application as it runs, on an in-memory H2 database with the demo directory, on a random
 * port, sending e-mail to the test SMTP server. The job executor, the outbox dispatcher and the
 * training schedules are off: tests run jobs, timers, deliveries and sweeps explicitly. Every test
 * class with this annotation shares one application context, with its metrics exported as in
 * production.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:trusted-research-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    // the training reminders and the induction sweep run when a test calls them
    "trusted-research.training.reminders.cron=-", "trusted-research.training.induction.cron=-",
    // the clock stands still in tests, so KPIs kept "for a minute" would be kept for the whole suite
    "trusted-research.evaluation.kpis-fresh-for=PT0S"})
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
@ContextConfiguration(initializers = TestMailServer.class)
public @interface CaseManagementTest {
}
