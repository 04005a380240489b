package org.trustedresearch.cases.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.shared.CaseOwners;
import org.trustedresearch.cases.shared.CaseOwners.Readers;

/**
 * When the requester leaves one of their own tasks (an amendment may move the case to another department),
 * the groups the register names read the case as it is now: the new department's security champions are
 * granted the case at once, and the champions of a department the case left lose it, on every process
 * instance of the case, unless they were asked to review it (reviewers keep reading what they reviewed).
 */
class ReaderGroupsInStep implements ExecutionListener {

  private final List<CaseOwners> registers;

  ReaderGroupsInStep(List<CaseOwners> registers) {
    this.registers = registers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String caseReference = execution.getProcessBusinessKey();
    if (caseReference == null) {
      return;
    }
    // a case is in one register: the first that has it answers
    Optional<Readers> readers = registers.stream().map(register -> register.readersOf(caseReference))
        .flatMap(Optional::stream).findFirst();
    readers.ifPresent(now -> Context.getCommandContext().runWithoutAuthorization(() -> {
      bringInStep(execution, caseReference, Set.copyOf(now.groups()));
      return null;
    }));
  }

  private static void bringInStep(DelegateExecution execution, String caseReference, Set<String> readerGroups) {
    AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
    HistoryService history = execution.getProcessEngineServices().getHistoryService();
    Map<String, Boolean> revoked = new HashMap<>();
    List<String> instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseReference)
        .list().stream().map(HistoricProcessInstance::getId).toList();
    for (String instance : instances) {
      authorizations.createAuthorizationQuery().resourceId(instance).list().stream()
          .filter(grant -> Groups.isChampions(grant.getGroupId()) && !readerGroups.contains(grant.getGroupId()))
          .filter(grant -> revoked.computeIfAbsent(grant.getGroupId(), group -> neverReviewed(history, caseReference, group)))
          .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    }
    readerGroups.forEach(group -> CaseGrants.groupMayRead(authorizations, group, execution.getProcessInstanceId()));
  }

  private static boolean neverReviewed(HistoryService history, String caseReference, String group) {
    return history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(caseReference)
        .taskHadCandidateGroup(group).count() == 0;
  }
}
