package org.trustedresearch.cases.support;

import static org.trustedresearch.cases.collaboration.CollaborationCase.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.trustedresearch.cases.collaboration.OnboardingProcess;
import org.trustedresearch.cases.riskassessment.ReviewerRole;
import org.trustedresearch.cases.riskassessment.ReviewerRole.Decision;
import org.trustedresearch.cases.riskassessment.SignOffProcess;
import org.trustedresearch.cases.riskassessment.SignOffProcess.ChampionConcern;
import org.trustedresearch.cases.shared.ProcessVariable;

/** Drives collaboration cases through the engine's Java API as the demo users would. */
public class Cases {

  private final ProcessEngine engine;

  public Cases(ProcessEngine engine) {
    this.engine = engine;
  }

  /** A LOW-risk proposal; tests change what their story needs. */
  public static Map<String, Object> lowRiskProposal(String partnerName) {
    Map<String, Object> proposal = new HashMap<>();
    proposal.put(DEPARTMENT.name(), "physics");
    proposal.put(PARTNER_NAME.name(), partnerName);
    proposal.put(PARTNER_COUNTRY.name(), "DE");
    proposal.put(ACTIVITY_TYPE.name(), ActivityType.RESEARCH_COLLABORATION.name());
    proposal.put(FUNDING_AMOUNT_GBP.name(), 0L);
    for (ProcessVariable<Boolean> answer : List.of(EXPORT_CONTROLLED, DUAL_USE, SENSITIVE_DATA, COMMERCIAL_POTENTIAL,
        ETHICAL_CONCERNS, PARTNER_STATE_LINKS, MOU_REQUIRED)) {
      proposal.put(answer.name(), false);
    }
    proposal.put(SUMMARY.name(), "Joint measurements of thin-film optical coatings.");
    return proposal;
  }

  /** A LOW-risk proposal filed under {@code department}, which must be one of the proposer's own. */
  public static Map<String, Object> lowRiskProposalIn(String department, String partnerName) {
    Map<String, Object> proposal = lowRiskProposal(partnerName);
    proposal.put(DEPARTMENT.name(), department);
    return proposal;
  }

  /** Starts a case as {@code user} and runs screening; returns the case reference. */
  public String propose(String user, Map<String, Object> proposal) {
    ProcessInstance instance = as(user,
        () -> engine.getRuntimeService().startProcessInstanceByKey(OnboardingProcess.KEY, proposal));
    runJobsOf(instance.getBusinessKey());
    return instance.getBusinessKey();
  }

  public <T> T as(String user, Supplier<T> action) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).collect(Collectors.toList());
    identity.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  public void as(String user, Runnable action) {
    as(user, () -> {
      action.run();
      return null;
    });
  }

  /** Executes every job that is due, as the job executor would, until none is left. */
  public void runJobs() {
    for (int round = 0; round < 50; round++) {
      List<Job> due = engine.getManagementService().createJobQuery().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new IllegalStateException("Jobs keep creating jobs");
  }

  /** Executes the due jobs and timers of one case only, so that moving the clock touches no other case. */
  public void runJobsOf(String caseReference) {
    for (int round = 0; round < 50; round++) {
      List<String> instances = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(caseReference).list().stream().map(instance -> instance.getId()).toList();
      List<Job> due = instances.stream()
          .flatMap(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance).executable()
              .list().stream())
          .toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new IllegalStateException("Jobs keep creating jobs");
  }

  /** The open task of a case with the given task definition key (its id in the model), or null. */
  public Task openTask(String caseReference, String taskDefinitionKey) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(caseReference)
        .taskDefinitionKey(taskDefinitionKey)
        .singleResult();
  }

  public List<Task> openTasks(String caseReference) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseReference).list();
  }

  /** {@code user} claims the role's review task and decides it. */
  public void decide(String user, String caseReference, ReviewerRole role, Decision decision, String comment,
      String conditions) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(role.decision().name(), decision.name());
    variables.put(role.comment().name(), comment);
    variables.put(role.conditions().name(), conditions);
    complete(caseReference, role.taskId(), user, variables);
  }

  /** {@code user} claims the case's open task {@code taskKey}, completes it with {@code variables} and runs what follows. */
  public void complete(String caseReference, String taskKey, String user, Map<String, Object> variables) {
    Task task = openTask(caseReference, taskKey);
    if (task == null) {
      throw new IllegalStateException("No open task " + taskKey + " in " + caseReference);
    }
    as(user, () -> {
      engine.getTaskService().claim(task.getId(), user);
      engine.getTaskService().complete(task.getId(), variables);
    });
    runJobsOf(caseReference);
  }

  /** {@code user}, a security champion of the case's department, claims the advice task and advises. */
  public void advise(String user, String caseReference, ChampionConcern concern, String advice) {
    complete(caseReference, SignOffProcess.ADVISE_AS_CHAMPION, user, Map.of(
        SignOffProcess.CHAMPION_CONCERN.name(), concern.name(), SignOffProcess.CHAMPION_ADVICE.name(), advice));
  }

  /** Tom, physics' security champion, advises without concern: what a MEDIUM or HIGH physics case meets first. */
  public void adviseAsTom(String caseReference) {
    advise("tom", caseReference, ChampionConcern.NO_CONCERN, "I know the partner's group; no concern.");
  }

  public void approve(String user, String caseReference, ReviewerRole role) {
    decide(user, caseReference, role, Decision.APPROVE, null, null);
  }

  /** The latest value of a case variable in the onboarding instance, running or ended. */
  public Object caseVariable(String caseReference, ProcessVariable<?> variable) {
    String instanceId = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseReference)
        .processDefinitionKey(OnboardingProcess.KEY)
        .singleResult()
        .getId();
    HistoricVariableInstance value = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instanceId)
        .variableName(variable.name())
        .singleResult();
    return value == null ? null : value.getValue();
  }

  public String outcome(String caseReference) {
    return (String) caseVariable(caseReference, OUTCOME);
  }

  public boolean isEnded(String caseReference) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseReference)
        .processDefinitionKey(OnboardingProcess.KEY)
        .finished()
        .count() == 1;
  }
}
