package org.trustedresearch.cases.riskassessment;

import static org.trustedresearch.cases.collaboration.CollaborationCase.CASE_REFERENCE;
import static org.trustedresearch.cases.collaboration.CollaborationCase.DEPARTMENT;
import static org.trustedresearch.cases.collaboration.CollaborationCase.RISK_TIER;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.trustedresearch.cases.collaboration.CaseRegister;
import org.trustedresearch.cases.collaboration.CollaborationCase.RiskTier;
import org.trustedresearch.cases.directory.Directory;
import org.trustedresearch.cases.directory.Groups;
import org.trustedresearch.cases.riskassessment.SignOffProcess.ChampionAdviceOutcome;

/**
 * ServiceTask_FindHeadOfDepartment: who gives the first sign-off (never the requester), and for MEDIUM and
 * HIGH cases whether a security champion of the department advises first. The directory is asked when the
 * round begins: a department without a champion, or whose only champion is the requester, skips the advice.
 */
@Component("findHeadOfDepartmentDelegate")
class FindHeadOfDepartmentDelegate implements JavaDelegate {

  /** The tiers on which the department's security champion is consulted before the head of department. */
  static final Set<String> CHAMPION_ADVISES_ON = Set.of(RiskTier.MEDIUM.name(), RiskTier.HIGH.name());

  private final Directory directory;
  private final CaseRegister register;

  FindHeadOfDepartmentDelegate(Directory directory, CaseRegister register) {
    this.directory = directory;
    this.register = register;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requester = register.requesterOf(CASE_REFERENCE.get(execution))
        .orElseThrow(() -> new IllegalStateException("No registered case " + CASE_REFERENCE.get(execution)));
    String department = DEPARTMENT.get(execution);
    SignOffProcess.HOD_GROUP.set(execution, directory.firstSignOffGroup(department, requester));
    if (CHAMPION_ADVISES_ON.contains(RISK_TIER.get(execution))) {
      String champions = Groups.champions(department);
      if (directory.hasMemberBesides(champions, requester)) {
        SignOffProcess.CHAMPION_GROUP.set(execution, champions);
      } else {
        SignOffProcess.CHAMPION_ADVICE_OUTCOME.set(execution, ChampionAdviceOutcome.NO_CHAMPION.name());
      }
    }
  }
}
