package org.trustedresearch.cases.riskassessment;

import java.util.List;

import org.trustedresearch.cases.shared.ProcessVariable;

/** The risk assessment sign-off process: key, element ids and its own variables. */
public final class SignOffProcess {

  public static final String KEY = "risk-assessment-sign-off";
  public static final String REVIEWERS_DECISION = "sign-off-reviewers";

  public static final String START_EVENT = "StartEvent_SignOffRequested";
  public static final String FIND_HEAD_OF_DEPARTMENT = "ServiceTask_FindHeadOfDepartment";
  public static final String DETERMINE_REVIEWERS = "DecisionTask_DetermineReviewers";
  public static final String RECORD_OUTCOME = "ServiceTask_RecordSignOffOutcome";
  public static final String END_EVENT = "EndEvent_SignOffCompleted";

  /** The group that gives the first sign-off. */
  public static final ProcessVariable<String> HOD_GROUP = ProcessVariable.string("hodGroup");
  /** The specialist groups the decision table requires (a list of group ids). */
  public static final String REQUIRED_REVIEWERS = "requiredReviewers";

  public static List<ProcessVariable<?>> variables() {
    List<ProcessVariable<?>> variables = new java.util.ArrayList<>(List.of(HOD_GROUP));
    for (ReviewerRole role : ReviewerRole.values()) {
      variables.addAll(List.of(role.decision(), role.comment(), role.conditions(), role.decidedBy()));
    }
    return List.copyOf(variables);
  }

  private SignOffProcess() {
  }
}
