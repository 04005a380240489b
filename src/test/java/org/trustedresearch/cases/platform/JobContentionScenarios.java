package org.trustedresearch.cases.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.trustedresearch.cases.riskassessment.ReviewerRole.HEAD_OF_DEPARTMENT;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.Notifications;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.HeldJobs;
import org.trustedresearch.cases.support.PinnedClock;

/**
 * Jobs of the application's own processes that lose an optimistic-locking race to another
 * transaction: the engine rolls the attempt back with its e-mails, keeps the job's retries, raises
 * no incident and runs the job again, which then tells everyone once. The overlap is forced: the job
 * is held inside its delegate while the other transaction commits. Run on H2 and on PostgreSQL.
 */
abstract class JobContentionScenarios {

  static final String HEAD_OF_RISK_GROUP = "head-of-risk";

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  Cases cases;

  @BeforeEach
  void cases() {
    cases = new Cases(engine);
  }

  @Test
  void anEscalationThatLosesToAClaimIsRunAgainAndTellsTheHeadOfRiskOnce() throws Exception {
    String ref = cases.propose("rachel", Cases.lowRiskProposal("Quillon Photonics GmbH"));
    Task review = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    PinnedClock.stopAt(review.getDueDate().toInstant().plus(Duration.ofMinutes(1)));
    cases.runJobsOf(ref); // the reminder
    Job escalation = engine.getManagementService().createJobQuery()
        .processInstanceId(review.getProcessInstanceId()).timers().singleResult();
    PinnedClock.stopAt(escalation.getDuedate().toInstant().plus(Duration.ofMinutes(1)));
    int retries = escalation.getRetries();

    try (HeldJobs jobs = new HeldJobs(engine, HEAD_OF_DEPARTMENT.taskId())) {
      jobs.execute(escalation.getId());
      jobs.awaitHeld(1);
      // the head of department takes the task while the escalation is under way
      cases.as("hannah", () -> engine.getTaskService().claim(review.getId(), "hannah"));
      assertThat(failureOf(jobs.releaseOne())).isInstanceOf(OptimisticLockingException.class);
    }

    Job afterConflict = job(escalation.getId());
    assertThat(afterConflict).as("the job is kept to run again").isNotNull();
    assertThat(afterConflict.getRetries()).as("no retry used up").isEqualTo(retries);
    assertThat(afterConflict.getDuedate()).as("due as before").isEqualTo(escalation.getDuedate());
    assertThat(afterConflict.getExceptionMessage()).as("not recorded as a failure of the job").isNull();
    assertThat(isDueForTheJobExecutor(escalation.getId())).isTrue();
    assertThat(incidents(ref)).isZero();
    assertThat(recipients(ref, Notifications.TASK_ESCALATED)).as("the rolled-back attempt left no e-mail").isEmpty();
    assertThat(engine.getHistoryService().createHistoricJobLogQuery().jobId(escalation.getId()).failureLog().count())
        .as("the job log keeps the conflict").isEqualTo(1);

    cases.runJobsOf(ref);

    assertThat(job(escalation.getId())).as("the escalation ran").isNull();
    Task escalated = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(escalated.getAssignee()).as("the claim stands").isEqualTo("hannah");
    assertThat(escalated.getPriority()).isGreaterThan(review.getPriority());
    assertThat(incidents(ref)).isZero();
    assertThat(recipients(ref, Notifications.TASK_ESCALATED))
        .containsExactlyInAnyOrderElementsOf(membersOf(Set.of(HEAD_OF_RISK_GROUP)));
  }

  @Test
  void aScreeningThatLosesToASuspensionIsRunAgainAtOnceWithItsRetries() throws Exception {
    ProcessInstance onboarding = startWithoutScreening("Tarnwood Materials Oy");
    String ref = onboarding.getBusinessKey();
    Job screening = screeningJob(onboarding);
    int retries = screening.getRetries();

    try (HeldJobs jobs = new HeldJobs(engine, OnboardingProcess.SCREEN_PARTNER)) {
      jobs.execute(screening.getId());
      jobs.awaitHeld(1);
      // an administrator suspends the case and resumes it while its partner is screened
      engine.getRuntimeService().updateProcessInstanceSuspensionState()
          .byProcessInstanceId(onboarding.getId()).suspend();
      engine.getRuntimeService().updateProcessInstanceSuspensionState()
          .byProcessInstanceId(onboarding.getId()).activate();
      assertThat(failureOf(jobs.releaseOne())).isInstanceOf(OptimisticLockingException.class);
    }

    Job afterConflict = job(screening.getId());
    assertThat(afterConflict).as("the job is kept to run again").isNotNull();
    assertThat(afterConflict.getRetries()).as("no retry used up").isEqualTo(retries);
    // the model's retry cycle (R3/PT5M) is for failures of the screening, not for lost races
    assertThat(afterConflict.getDuedate()).as("not put off by the retry cycle").isEqualTo(screening.getDuedate());
    assertThat(afterConflict.getExceptionMessage()).as("not recorded as a failure of the job").isNull();
    assertThat(isDueForTheJobExecutor(screening.getId())).isTrue();
    assertThat(incidents(ref)).isZero();
    assertThat(cases.openTasks(ref)).as("the rolled-back attempt opened no review").isEmpty();
    assertThat(recipients(ref, Notifications.TASK_WAITING)).as("and left no e-mail").isEmpty();

    cases.runJobsOf(ref);

    assertThat(job(screening.getId())).as("the screening ran").isNull();
    assertThat(incidents(ref)).isZero();
    Task review = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(recipients(ref, Notifications.TASK_WAITING))
        .containsExactlyInAnyOrderElementsOf(whoMayWork(review, "rachel"));
  }

  @Test
  void aScreeningRunTwiceAtOnceOpensOneReviewAndTellsEachHeadOfDepartmentOnce() throws Exception {
    ProcessInstance onboarding = startWithoutScreening("Vellmark Instruments AS");
    String ref = onboarding.getBusinessKey();
    Job screening = screeningJob(onboarding);

    List<Throwable> endings = new ArrayList<>();
    try (HeldJobs jobs = new HeldJobs(engine, OnboardingProcess.SCREEN_PARTNER)) {
      // e.g. an operator executes the job while the job executor runs it
      jobs.execute(screening.getId());
      jobs.execute(screening.getId());
      jobs.awaitHeld(2);
      endings.add(failureOf(jobs.releaseOne()));
      endings.add(failureOf(jobs.releaseOne()));
    }

    assertThat(endings.get(0)).as("the first to finish commits").isNull();
    assertThat(endings.get(1)).as("the other loses the race").isInstanceOf(OptimisticLockingException.class);
    assertThat(job(screening.getId())).isNull();
    assertThat(incidents(ref)).isZero();
    assertThat(cases.openTasks(ref)).extracting(Task::getTaskDefinitionKey)
        .containsExactly(HEAD_OF_DEPARTMENT.taskId());
    Task review = cases.openTask(ref, HEAD_OF_DEPARTMENT.taskId());
    assertThat(recipients(ref, Notifications.TASK_WAITING))
        .containsExactlyInAnyOrderElementsOf(whoMayWork(review, "rachel"));
  }

  @Test
  void aScreeningThatFailsStillUsesItsRetriesAndEndsInAnIncident() {
    ProcessInstance onboarding = startWithoutScreening("Oakhurst Polymers BV");
    String ref = onboarding.getBusinessKey();
    Job screening = screeningJob(onboarding);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DelegateInterceptor original = configuration.getDelegateInterceptor();
    configuration.setDelegateInterceptor(invocation -> {
      if (invocation.getContextExecution() instanceof DelegateExecution execution
          && OnboardingProcess.SCREEN_PARTNER.equals(execution.getCurrentActivityId())) {
        throw new IllegalStateException("The sanctions list cannot be read");
      }
      original.handleInvocation(invocation);
    });
    try {
      // the model's retry cycle R3/PT5M: three attempts, five minutes apart, then an incident
      for (int attempt = 1; attempt <= 3; attempt++) {
        Instant failedAt = PinnedClock.now().truncatedTo(ChronoUnit.SECONDS);
        PinnedClock.stopAt(failedAt);
        Throwable failure = catchThrowable(() -> engine.getManagementService().executeJob(screening.getId()));
        assertThat(failure).isNotNull().isNotInstanceOf(OptimisticLockingException.class);
        Job failed = job(screening.getId());
        assertThat(failed.getRetries()).as("after attempt " + attempt).isEqualTo(3 - attempt);
        assertThat(failed.getExceptionMessage()).contains("The sanctions list cannot be read");
        if (attempt < 3) {
          assertThat(failed.getDuedate()).isEqualTo(Date.from(failedAt.plus(Duration.ofMinutes(5))));
          assertThat(incidents(ref)).isZero();
          PinnedClock.stopAt(failed.getDuedate().toInstant());
        }
      }
    } finally {
      configuration.setDelegateInterceptor(original);
    }
    assertThat(incidents(ref)).isEqualTo(1);
    assertThat(recipients(ref, Notifications.TASK_WAITING)).isEmpty();
  }

  ProcessInstance startWithoutScreening(String partner) {
    return cases.as("rachel", () -> engine.getRuntimeService()
        .startProcessInstanceByKey(OnboardingProcess.KEY, Cases.lowRiskProposal(partner)));
  }

  Job screeningJob(ProcessInstance onboarding) {
    Job screening = engine.getManagementService().createJobQuery().processInstanceId(onboarding.getId())
        .activityId(OnboardingProcess.SCREEN_PARTNER).singleResult();
    assertThat(screening).as("screening waits for the job executor").isNotNull();
    return screening;
  }

  Job job(String jobId) {
    return engine.getManagementService().createJobQuery().jobId(jobId).singleResult();
  }

  /** Unlocked, with retries, not suspended and due on the engine's clock: the next acquisition takes it. */
  boolean isDueForTheJobExecutor(String jobId) {
    Job job = engine.getManagementService().createJobQuery().jobId(jobId).executable().active().singleResult();
    String table = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix()
        + "ACT_RU_JOB";
    Integer locked = jdbc.sql("select count(*) from " + table + " where ID_ = ? and LOCK_OWNER_ is not null")
        .param(jobId).query(Integer.class).single();
    return job != null && locked == 0
        && (job.getDuedate() == null || !job.getDuedate().after(Date.from(PinnedClock.now())));
  }

  long incidents(String ref) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref).list().stream()
        .mapToLong(instance -> engine.getRuntimeService().createIncidentQuery()
            .processInstanceId(instance.getId()).count())
        .sum();
  }

  /** The users the outbox holds e-mails of {@code kind} about the case for, one entry per e-mail. */
  List<String> recipients(String ref, String kind) {
    return jdbc.sql("select recipient_user from tr_notification_outbox where case_reference = ? and kind = ?")
        .params(ref, kind).query(String.class).list();
  }

  /** The members of the task's candidate groups, but not the requester. */
  Set<String> whoMayWork(Task task, String requester) {
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    Set<String> people = membersOf(groups);
    people.remove(requester);
    assertThat(people).as("someone is asked").isNotEmpty();
    return people;
  }

  Set<String> membersOf(Set<String> groups) {
    Set<String> people = new LinkedHashSet<>();
    for (String group : groups) {
      engine.getIdentityService().createUserQuery().memberOfGroup(group).list().stream()
          .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
          .map(User::getId)
          .forEach(people::add);
    }
    return people;
  }

  /** How a job execution ended: null if it committed, else what it threw. */
  static Throwable failureOf(Future<Void> execution) throws InterruptedException {
    return catchThrowable(() -> {
      try {
        execution.get();
      } catch (ExecutionException e) {
        throw e.getCause();
      }
    });
  }
}
