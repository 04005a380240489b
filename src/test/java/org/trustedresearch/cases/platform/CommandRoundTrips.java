package org.trustedresearch.cases.platform;

import static org.trustedresearch.cases.collaboration.CollaborationCase.PARTNER_STATE_LINKS;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.notification.OutboxDispatcher;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.riskassessment.SignOffProcess;
import org.trustedresearch.cases.riskassessment.SignOffProcess.ChampionConcern;
import org.trustedresearch.cases.support.Cases;
import org.trustedresearch.cases.support.JdbcRoundTrips;
import org.trustedresearch.cases.support.JdbcRoundTrips.Counts;
import org.trustedresearch.cases.support.TestMailServer;

/**
 * Runs the commands a user or the job executor issues, one at a time, and measures what each costs
 * the database (statements, round trips, commits, on the calling thread) and the JVM (CPU and wall
 * time). The baseline is a minimal reference process on the same engine at the same history level:
 * started with three variables to a user task with a candidate group, then an asynchronous no-op
 * service task. Commands run through the engine's Java API, as the engine REST API and the Tasklist
 * run them; the user's authentication is set outside the measurement, as the REST filter sets it.
 */
final class CommandRoundTrips {

  static final String REFERENCE_KEY = "round-trip-reference";

  /** The application with a counting DataSource, in its own database and engine. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
      "spring.datasource.url=jdbc:h2:mem:round-trips;DB_CLOSE_DELAY=-1",
      "camunda.bpm.process-engine-name=roundTrips",
      "camunda.bpm.job-execution.enabled=false"})
  @ActiveProfiles("demo")
  @AutoConfigureObservability(tracing = false)
  @ContextConfiguration(initializers = TestMailServer.class)
  @Import({JdbcRoundTrips.Counting.class, ReferenceDelegate.class})
  @interface MeasuredApplication {
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class ReferenceDelegate {
    @Bean
    JavaDelegate roundTripReferenceDelegate() {
      return execution -> {
      };
    }
  }

  /** One measured command: its database cost and its time on the calling thread. */
  record Measured(Counts counts, long cpuNanos, long wallNanos) {
  }

  /** The commands of one run, in the order they ran, by name. */
  static final class Run {
    final Map<String, Measured> commands = new LinkedHashMap<>();

    Counts counts(String command) {
      return commands.get(command).counts();
    }
  }

  static final String REF_START = "reference: start with 3 variables to the user task";
  static final String REF_COMPLETE = "reference: complete the user task";
  static final String REF_JOB = "reference: run the async service task";
  static final String START = "start case (LOW), to screening job";
  static final String SCREENING = "screening job, to head of department's task";
  static final String HOD_OUTCOME = "head of department approves, outcome (LOW)";
  static final String HIGH_START = "start case (HIGH)";
  static final String HIGH_SCREENING = "screening job (HIGH), to the security champion's advice";
  static final String HIGH_CHAMPION = "security champion advises, to head of department's task";
  static final String HIGH_HOD = "head of department approves, to legal + IT security";
  static final String HIGH_LEGAL = "legal approves";
  static final String HIGH_IT = "IT security approves with conditions, to Head of Risk";
  static final String HIGH_OUTCOME = "Head of Risk approves, outcome (HIGH)";
  static final String MAIL = "outbox dispatch of one e-mail";

  static final String START_TO_HOD = "start + screening (LOW), to head of department's task";
  static final String REF_START_AND_JOB = "reference: start + async job";

  /** The reference command each command is compared with; a user command with a user command, a job with a job. */
  static String referenceOf(String command) {
    return switch (command) {
      case START, HIGH_START -> REF_START;
      case SCREENING, HIGH_SCREENING, MAIL -> REF_JOB;
      case START_TO_HOD -> REF_START_AND_JOB;
      case REF_START, REF_COMPLETE, REF_JOB, REF_START_AND_JOB -> command;
      default -> REF_COMPLETE;
    };
  }

  /** Commands a person issues (through Tasklist or the API), as opposed to jobs and the dispatcher. */
  static boolean isUserCommand(String command) {
    return !referenceOf(command).equals(REF_JOB) && !command.equals(START_TO_HOD) && !command.startsWith("reference");
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ProcessEngine engine;
  private final OutboxDispatcher dispatcher;
  private final JdbcClient jdbc;

  CommandRoundTrips(ProcessEngine engine, OutboxDispatcher dispatcher, JdbcClient jdbc) {
    this.engine = engine;
    this.dispatcher = dispatcher;
    this.jdbc = jdbc;
  }

  void deployReference() {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(REFERENCE_KEY).count() > 0) {
      return;
    }
    BpmnModelInstance reference = Bpmn.createExecutableProcess(REFERENCE_KEY)
        .camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_Reference")
        .userTask("UserTask_Reference").camundaCandidateGroups("reference")
        .serviceTask("ServiceTask_Reference").camundaAsyncBefore()
        .camundaDelegateExpression("${roundTripReferenceDelegate}")
        .endEvent("EndEvent_Reference")
        .done();
    engine.getRepositoryService().createDeployment().name(REFERENCE_KEY)
        .addModelInstance(REFERENCE_KEY + ".bpmn", reference).deploy();
  }

  /** Runs the reference, a LOW case, a HIGH case with every reviewer, and one e-mail; measures each command. */
  Run run() {
    Run run = new Run();
    reference(run);
    lowCase(run);
    highCase(run);
    mail(run);
    run.commands.put(REF_START_AND_JOB, sum(run.commands.get(REF_START), run.commands.get(REF_JOB)));
    run.commands.put(START_TO_HOD, sum(run.commands.get(START), run.commands.get(SCREENING)));
    return run;
  }

  private static Measured sum(Measured a, Measured b) {
    return new Measured(a.counts().plus(b.counts()), a.cpuNanos() + b.cpuNanos(), a.wallNanos() + b.wallNanos());
  }

  private void reference(Run run) {
    Map<String, Object> variables = Map.of("requester", "rachel", "department", "physics", "amount", 1000L);
    ProcessInstance instance = measure(run, REF_START, null,
        () -> engine.getRuntimeService().startProcessInstanceByKey(REFERENCE_KEY, variables));
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    measure(run, REF_COMPLETE, null, () -> {
      engine.getTaskService().complete(task.getId());
      return null;
    });
    Job job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    measure(run, REF_JOB, null, () -> {
      engine.getManagementService().executeJob(job.getId());
      return null;
    });
    if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count() != 0) {
      throw new IllegalStateException("The reference process did not end");
    }
  }

  private void lowCase(Run run) {
    String ref = start(run, START, SCREENING, Cases.lowRiskProposal("Aldgate Acoustics Ltd"),
        ReviewerRole.HEAD_OF_DEPARTMENT.taskId());
    complete(run, HOD_OUTCOME, ref, ReviewerRole.HEAD_OF_DEPARTMENT, "hannah", Decision.APPROVE, null);
    requireOutcome(ref);
  }

  private void highCase(Run run) {
    Map<String, Object> proposal = Cases.lowRiskProposal("Eastern Polytechnic Institute");
    proposal.put(PARTNER_STATE_LINKS.name(), true);
    String ref = start(run, HIGH_START, HIGH_SCREENING, proposal, SignOffProcess.ADVISE_AS_CHAMPION);
    complete(run, HIGH_CHAMPION, ref, SignOffProcess.ADVISE_AS_CHAMPION, "tom", Map.of(
        SignOffProcess.CHAMPION_CONCERN.name(), ChampionConcern.SOME_CONCERN.name(),
        SignOffProcess.CHAMPION_ADVICE.name(), "Ask for a technology control plan."));
    complete(run, HIGH_HOD, ref, ReviewerRole.HEAD_OF_DEPARTMENT, "hannah", Decision.APPROVE, null);
    complete(run, HIGH_LEGAL, ref, ReviewerRole.LEGAL, "leila", Decision.APPROVE, null);
    complete(run, HIGH_IT, ref, ReviewerRole.IT_SECURITY, "ian", Decision.APPROVE_WITH_CONDITIONS,
        "Data stays in the university's secure research environment.");
    complete(run, HIGH_OUTCOME, ref, ReviewerRole.HEAD_OF_RISK, "helen", Decision.APPROVE, null);
    requireOutcome(ref);
  }

  /** One e-mail due in the outbox, dispatched to the test SMTP server. */
  private void mail(Run run) {
    jdbc.sql("update tr_notification_outbox set status = 'SENT' where status <> 'SENT'").update();
    String ref = start(run, null, null, Cases.lowRiskProposal("Birchwood Analytics Ltd"),
        ReviewerRole.HEAD_OF_DEPARTMENT.taskId());
    long due = jdbc.sql("select min(id) from tr_notification_outbox where case_reference = ? and status <> 'SENT'")
        .param(ref).query(Long.class).single();
    jdbc.sql("update tr_notification_outbox set status = 'SENT' where id <> ? and status <> 'SENT'").param(due).update();
    int sent = measure(run, MAIL, null, dispatcher::dispatchDue);
    if (sent != 1) {
      throw new IllegalStateException("Expected one e-mail dispatched, was " + sent);
    }
  }

  /** Starts a case as rachel and runs its screening job to its first task; returns the case reference. */
  private String start(Run run, String startName, String screeningName, Map<String, Object> proposal,
      String firstTask) {
    ProcessInstance instance = measure(run, startName, "rachel",
        () -> engine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.KEY, proposal));
    Job screening = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    measure(run, screeningName, null, () -> {
      engine.getManagementService().executeJob(screening.getId());
      return null;
    });
    if (openTask(instance.getBusinessKey(), firstTask) == null) {
      throw new IllegalStateException("No task " + firstTask + " after screening " + instance.getBusinessKey());
    }
    requireNoJobs(instance.getBusinessKey());
    return instance.getBusinessKey();
  }

  private void complete(Run run, String name, String ref, ReviewerRole role, String user, Decision decision,
      String conditions) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(role.decision().name(), decision.name());
    variables.put(role.comment().name(), null);
    variables.put(role.conditions().name(), conditions);
    complete(run, name, ref, role.taskId(), user, variables);
  }

  private void complete(Run run, String name, String ref, String taskKey, String user, Map<String, Object> variables) {
    Task task = openTask(ref, taskKey);
    if (task == null) {
      throw new IllegalStateException("No open task " + taskKey + " in " + ref);
    }
    as(user, () -> {
      engine.getTaskService().claim(task.getId(), user);
      return null;
    });
    measure(run, name, user, () -> {
      engine.getTaskService().complete(task.getId(), variables);
      return null;
    });
    requireNoJobs(ref);
  }

  private Task openTask(String ref, String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey(taskKey).singleResult();
  }

  /** The measured commands leave no job behind that would do part of their work unmeasured. */
  private void requireNoJobs(String ref) {
    long jobs = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(ref).list().stream()
        .mapToLong(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
            .executable().count())
        .sum();
    if (jobs != 0) {
      throw new IllegalStateException(jobs + " jobs due in " + ref + " after a measured command");
    }
  }

  private void requireOutcome(String ref) {
    if (new Cases(engine).outcome(ref) == null) {
      throw new IllegalStateException("Case " + ref + " did not reach its outcome");
    }
  }

  private <T> T measure(Run run, String name, String user, Supplier<T> command) {
    if (name == null) {
      return as(user, command);
    }
    return as(user, () -> {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      JdbcRoundTrips.Recorded<T> recorded = JdbcRoundTrips.recordResult(command);
      long wallNanos = System.nanoTime() - wall;
      long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
      run.commands.put(name, new Measured(recorded.counts(), cpuNanos, wallNanos));
      return recorded.result();
    });
  }

  private <T> T as(String user, Supplier<T> action) {
    if (user == null) {
      return action.get();
    }
    List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).collect(Collectors.toList());
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
